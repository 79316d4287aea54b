using EsdbGater.Host.Api.Validation;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Configuration;

internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var checks = new OptionChecks(GatewayOptions.Section);
        for (var i = 0; i < options.Stores.Count; i++)
        {
            if (StoreNameRule.Check(options.Stores[i], StoreNameRule.DefaultMaxLength) is { } problem)
            {
                checks.Fail($"{GatewayOptions.Section}:Stores:{i}: {problem}");
            }
        }

        if (string.IsNullOrWhiteSpace(options.PubSub))
        {
            checks.Fail($"{GatewayOptions.Section}:PubSub (EX_ESDB_PUB_SUB) must not be empty.");
        }

        return checks.Result();
    }
}
