using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Configuration;

internal sealed partial class BusOptionsValidator : IValidateOptions<BusOptions>
{
    public ValidateOptionsResult Validate(string? name, BusOptions o)
    {
        var checks = new OptionChecks(BusOptions.Section)
            .InRange(nameof(o.PrefetchCount), o.PrefetchCount, 1, 10_000)
            .InRange(nameof(o.ConcurrentMessageLimit), o.ConcurrentMessageLimit, 1, 10_000);
        if (!QueueNamePrefix().IsMatch(o.EndpointPrefix ?? ""))
        {
            checks.Fail($"{BusOptions.Section}:EndpointPrefix must be 1-100 characters of a-z, 0-9, '-', '_' and '.'.");
        }

        return checks.Result();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    private static partial Regex QueueNamePrefix();
}
