using EsdbGater.Contracts;

namespace EsdbGater.Host.Subscriptions.Model;

/// <summary>
/// What the owner of a subscription last reported about it; stored with the checkpoint so that
/// any replica can answer <c>GetSubscriptions</c>.
/// </summary>
internal sealed record RuntimeStatus(
    string? Owner,
    SubscriptionState State,
    LiveFeedState LiveFeed,
    long? Lag,
    int InFlight,
    string? LastError,
    DateTimeOffset UpdatedAt)
{
    public static RuntimeStatus Unowned(DateTimeOffset at) =>
        new(null, SubscriptionState.Unowned, LiveFeedState.Unknown, null, 0, null, at);
}
