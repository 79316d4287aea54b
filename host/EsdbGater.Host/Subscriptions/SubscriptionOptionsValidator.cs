using EsdbGater.Host.Configuration;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Subscriptions;

internal sealed class SubscriptionOptionsValidator : IValidateOptions<SubscriptionOptions>
{
    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(1);

    public ValidateOptionsResult Validate(string? name, SubscriptionOptions o)
    {
        var checks = new OptionChecks(SubscriptionOptions.Section)
            .InRange(nameof(o.DefaultMaxInFlight), o.DefaultMaxInFlight, 1, o.MaxInFlightLimit)
            .InRange(nameof(o.MaxInFlightLimit), o.MaxInFlightLimit, 1, 100_000)
            .InRange(nameof(o.LiveBufferSize), o.LiveBufferSize, 1, 1_000_000)
            .InRange(nameof(o.ReadPageSize), o.ReadPageSize, 1, 1000)
            .InRange(nameof(o.PollMinInterval), o.PollMinInterval, Min, TimeSpan.FromMinutes(1))
            .InRange(nameof(o.PollMaxInterval), o.PollMaxInterval, o.PollMinInterval, TimeSpan.FromMinutes(10))
            .InRange(nameof(o.PollCallsPerSecond), o.PollCallsPerSecond, 1, 100_000)
            .InRange(nameof(o.SafetySweepInterval), o.SafetySweepInterval, Min, TimeSpan.FromHours(1))
            .InRange(nameof(o.CheckpointInterval), o.CheckpointInterval, Min, TimeSpan.FromMinutes(10))
            .InRange(nameof(o.RetryMinDelay), o.RetryMinDelay, Min, TimeSpan.FromMinutes(1))
            .InRange(nameof(o.RetryMaxDelay), o.RetryMaxDelay, o.RetryMinDelay, TimeSpan.FromMinutes(10))
            .InRange(nameof(o.DataLossConfirmDelay), o.DataLossConfirmDelay, TimeSpan.Zero, TimeSpan.FromMinutes(1))
            .InRange(nameof(o.SendTimeout), o.SendTimeout, Min, TimeSpan.FromMinutes(10))
            .InRange(nameof(o.RepairInterval), o.RepairInterval, Min, TimeSpan.FromHours(1))
            .InRange(nameof(o.LeaseTickInterval), o.LeaseTickInterval, Min, TimeSpan.FromMinutes(1))
            .InRange(nameof(o.RegistryRefreshInterval), o.RegistryRefreshInterval, Min, TimeSpan.FromHours(1))
            .InRange(nameof(o.StoreConfirmTimeout), o.StoreConfirmTimeout, Min, TimeSpan.FromMinutes(1))
            .InRange(nameof(o.RemoveOwnerTimeout), o.RemoveOwnerTimeout, Min, TimeSpan.FromMinutes(1));
        if (o.LeaseTimeout < o.LeaseTickInterval * 2)
        {
            checks.Fail($"{SubscriptionOptions.Section}:LeaseTimeout ({o.LeaseTimeout}) must be at least twice LeaseTickInterval ({o.LeaseTickInterval}), or owners lose their lease between ticks.");
        }

        return checks.Result();
    }
}
