using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Configuration;

internal sealed class ClusterMonitorOptionsValidator : IValidateOptions<ClusterMonitorOptions>
{
    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(10);

    public ValidateOptionsResult Validate(string? name, ClusterMonitorOptions o) =>
        new OptionChecks(ClusterMonitorOptions.Section)
            .InRange(nameof(o.ConnectTimeout), o.ConnectTimeout, Min, TimeSpan.FromMinutes(1))
            .InRange(nameof(o.ListWorkersTimeout), o.ListWorkersTimeout, Min, TimeSpan.FromMinutes(1))
            .InRange(nameof(o.WorkerRefreshInterval), o.WorkerRefreshInterval, Min, TimeSpan.FromHours(1))
            .InRange(nameof(o.MissingWorkersRefreshInterval), o.MissingWorkersRefreshInterval, Min, TimeSpan.FromHours(1))
            .InRange(nameof(o.ReconnectInitialDelay), o.ReconnectInitialDelay, Min, TimeSpan.FromMinutes(1))
            .InRange(nameof(o.ReconnectMaxDelay), o.ReconnectMaxDelay, o.ReconnectInitialDelay, TimeSpan.FromMinutes(10))
            .Result();
}
