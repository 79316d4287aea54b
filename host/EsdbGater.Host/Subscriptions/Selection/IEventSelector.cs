using EsdbGater.Contracts;

namespace EsdbGater.Host.Subscriptions.Selection;

/// <summary>
/// Which events a subscription delivers. The gateway filters itself, in catch-up and live alike,
/// so both use the same rule.
/// </summary>
internal interface IEventSelector
{
    /// <summary>The one stream the subscription reads, or null when it reads every stream of the store.</summary>
    string? SingleStream { get; }

    /// <summary>True when the event is delivered.</summary>
    bool Matches(RecordedEvent recordedEvent);
}
