namespace EsdbGater.Contracts;

/// <summary>What a subscription selects, as in ExESDB.</summary>
public enum SubscriptionType
{
    /// <summary>Selector <c>"$all"</c> or <c>"$&lt;stream-id&gt;"</c>.</summary>
    ByStream = 0,

    /// <summary>Selector is an event type name.</summary>
    ByEventType = 1,

    /// <summary>Selector is a JSON object matched partially against the whole event record.</summary>
    ByEventPattern = 2,

    /// <summary>Selector is a JSON object matched partially against the event's data.</summary>
    ByEventPayload = 3,
}
