using EsdbGater.Contracts;

namespace EsdbGater.Plugins.Transport;

/// <summary>A subscription record as ExESDB stores it.</summary>
/// <param name="Type">What the selector selects.</param>
/// <param name="Selector">
/// <c>"$all"</c>, <c>"$stream"</c> or an event type; for pattern and payload types, a JSON
/// object (text) that is sent as a map with string keys.
/// </param>
/// <param name="Name">Subscription name; ExESDB's transient subscriptions are named <c>"transient"</c>.</param>
/// <param name="StartFrom">Stored by ExESDB, never used by it for replay.</param>
/// <param name="Subscriber">The subscriber pid as text, or null.</param>
public sealed record ExesdbSubscription(
    SubscriptionType Type,
    string Selector,
    string Name,
    long StartFrom = 0,
    string? Subscriber = null);
