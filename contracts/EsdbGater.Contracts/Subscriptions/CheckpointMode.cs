namespace EsdbGater.Contracts;

/// <summary>When the gateway considers an event handled and moves the subscription's checkpoint past it.</summary>
public enum CheckpointMode
{
    /// <summary>
    /// As soon as RabbitMQ has confirmed the message to the destination (publisher confirms):
    /// the broker now owns the event. The default; the destination queue must be durable for
    /// this to survive a broker restart.
    /// </summary>
    BrokerConfirmed = 0,

    /// <summary>
    /// When the client sends <see cref="AckEvent"/>: an acknowledgement covers that event and
    /// every earlier event of the same stream (as Commanded's <c>ack_event</c>). The gateway
    /// keeps at most the subscription's in-flight limit of unacknowledged events outstanding.
    /// ExESDB's own <c>ack_event</c> is never used (it creates stray subscription records).
    /// </summary>
    ClientAck = 1,
}
