namespace EsdbGater.Contracts;

/// <summary>
/// Acknowledges an event of a <see cref="CheckpointMode.ClientAck"/> subscription, and with it
/// every earlier event of the same stream. Send it (fire and forget) or request it: the
/// responses are <see cref="EventAcknowledged"/> or <see cref="GatewayError"/>
/// (<see cref="GatewayErrorCode.InvalidRequest"/> when the subscription checkpoints on broker
/// confirmation).
/// </summary>
/// <remarks>
/// Any gateway replica may receive it; it hands it to the replica that delivers the subscription.
/// An acknowledgement for a subscription no replica delivers is dropped (a transient subscription
/// is known only to its own replica, so the gateway cannot refuse it). The gateway never forwards
/// this to ExESDB's <c>ack_event</c>, which creates stray subscription records.
/// </remarks>
/// <param name="Store">The store.</param>
/// <param name="SubscriptionName">The subscription.</param>
/// <param name="StreamId">The event's stream.</param>
/// <param name="EventNumber">The event's number.</param>
public sealed record AckEvent(string Store, string SubscriptionName, string StreamId, long EventNumber);
