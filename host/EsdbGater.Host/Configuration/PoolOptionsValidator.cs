using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Configuration;

internal sealed class PoolOptionsValidator : IValidateOptions<PoolOptions>
{
    /// <summary>Calls must end well before MassTransit's default request timeout of 30 s.</summary>
    private static readonly TimeSpan MaxCallTimeout = TimeSpan.FromSeconds(25);

    private static readonly TimeSpan MinCallTimeout = TimeSpan.FromMilliseconds(100);

    public ValidateOptionsResult Validate(string? name, PoolOptions o) =>
        new OptionChecks(PoolOptions.Section)
            .InRange(nameof(o.AppendTimeout), o.AppendTimeout, MinCallTimeout, MaxCallTimeout)
            .InRange(nameof(o.ReadTimeout), o.ReadTimeout, MinCallTimeout, MaxCallTimeout)
            .InRange(nameof(o.NoWorkersWait), o.NoWorkersWait, TimeSpan.Zero, TimeSpan.FromSeconds(10))
            .InRange(nameof(o.ClientTimeoutMargin), o.ClientTimeoutMargin, TimeSpan.Zero, TimeSpan.FromSeconds(10))
            .InRange(nameof(o.CastConfirmTimeout), o.CastConfirmTimeout, MinCallTimeout, MaxCallTimeout)
            .InRange(nameof(o.ReadBackWindow), o.ReadBackWindow, 0, 10_000)
            .Result();
}
