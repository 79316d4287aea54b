namespace EsdbGater.Contracts;

/// <summary>One subscription as <see cref="GetSubscriptions"/> reports it.</summary>
/// <remarks>
/// For a subscription owned by another replica the runtime fields (<paramref name="State"/>,
/// <paramref name="LiveFeed"/>, <paramref name="Lag"/>, <paramref name="InFlight"/>,
/// <paramref name="LastError"/>) are as that owner last stored them, at <paramref name="UpdatedAt"/>.
/// </remarks>
/// <param name="Name">The subscription.</param>
/// <param name="Type">What the selector selects.</param>
/// <param name="Selector">The selector as saved.</param>
/// <param name="Destination">Where events go.</param>
/// <param name="Lifetime">Persistent or transient.</param>
/// <param name="CheckpointMode">When the checkpoint advances.</param>
/// <param name="Owner">The gateway replica delivering it, or <c>null</c> when none does.</param>
/// <param name="State">What it is doing.</param>
/// <param name="LiveFeed">How new events reach it.</param>
/// <param name="Checkpoint">Stream id → number of the last event handled (confirmed or acknowledged).</param>
/// <param name="Lag">Events of the selected streams not yet handled, as last measured; <c>null</c> when unknown.</param>
/// <param name="InFlight">Events sent but not yet confirmed or acknowledged.</param>
/// <param name="LastError">The last problem seen (delivery failure, data loss, …), or <c>null</c>.</param>
/// <param name="UpdatedAt">When this status was produced.</param>
public sealed record SubscriptionInfo(
    string Name,
    SubscriptionType Type,
    string Selector,
    string Destination,
    SubscriptionLifetime Lifetime,
    CheckpointMode CheckpointMode,
    string? Owner,
    SubscriptionState State,
    LiveFeedState LiveFeed,
    IReadOnlyDictionary<string, long> Checkpoint,
    long? Lag,
    int InFlight,
    string? LastError,
    DateTimeOffset? UpdatedAt);
