namespace EsdbGater.Contracts;

/// <summary>
/// An event delivered by a subscription, sent to the subscription's destination. Delivery is at
/// least once and in order per stream: a consumer that remembers the last
/// <see cref="EventNumber"/> it handled per stream skips duplicates by number. To keep the order,
/// consume the destination with a concurrency of one (or partition by <see cref="StreamId"/>).
/// </summary>
/// <param name="SubscriptionName">The subscription.</param>
/// <param name="Store">The store.</param>
/// <param name="StreamId">The event's stream.</param>
/// <param name="EventNumber">The event's 0-based number in its stream.</param>
/// <param name="Event">The event.</param>
/// <param name="Redelivered">
/// True when this event may have been sent before: after a gateway restart or owner change it is
/// re-sent from the stored checkpoint, and after a failed send it is sent again.
/// </param>
public sealed record SubscribedEvent(
    string SubscriptionName,
    string Store,
    string StreamId,
    long EventNumber,
    RecordedEvent Event,
    bool Redelivered);
