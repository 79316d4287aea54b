namespace EsdbGater.Contracts;

/// <summary>
/// Request: create a subscription, or resume an existing one with the same definition.
/// Responses: <see cref="SubscriptionSaved"/> or <see cref="GatewayError"/>
/// (<see cref="GatewayErrorCode.InvalidRequest"/> for a bad field, or for a name already used by a
/// different definition: remove it first).
/// </summary>
/// <remarks>
/// The gateway reads the history with <c>get_events</c> (ExESDB never replays), then follows
/// ExESDB's live feed, falling back to polling when the node runs no emitters, and sends each
/// selected event as a <see cref="SubscribedEvent"/> to <paramref name="Destination"/>: at least
/// once, in order per stream, with <see cref="SubscriptionCaughtUp"/> when the history is
/// through. There is no order across streams (ExESDB has no global position).
/// </remarks>
/// <example>
/// <code>
/// var saved = await client.GetResponse&lt;SubscriptionSaved, GatewayError&gt;(new SaveSubscription(
///     "reg_gh", "orders-projection", SubscriptionType.ByEventType, "order_placed:v1",
///     Destination: "orders-projection"));
/// </code>
/// </example>
/// <param name="Store">The ExESDB store.</param>
/// <param name="Name">
/// Unique per store; 1 to 100 characters of letters, digits, <c>.</c>, <c>_</c> and <c>-</c>
/// (it names broker queues and an ExESDB key).
/// </param>
/// <param name="Type">What <paramref name="Selector"/> selects.</param>
/// <param name="Selector">
/// <see cref="SubscriptionType.ByStream"/>: <c>"$all"</c> or <c>"$&lt;stream-id&gt;"</c>;
/// <see cref="SubscriptionType.ByEventType"/>: the event type;
/// <see cref="SubscriptionType.ByEventPattern"/>: a JSON object matched partially against the
/// event record with ExESDB's field names (<c>event_stream_id</c>, <c>event_type</c>,
/// <c>event_number</c>, <c>event_id</c>, <c>data</c>, <c>metadata</c>);
/// <see cref="SubscriptionType.ByEventPayload"/>: a JSON object matched partially against the
/// event's data. Partial means: every key of the pattern must be present with an equal value;
/// nested objects match partially too, arrays and scalars exactly.
/// </param>
/// <param name="Destination">
/// Where events go: a queue name (for a persistent subscription the gateway declares it durable
/// if missing) or a MassTransit endpoint address (<c>rabbitmq://…</c>, <c>queue:…</c>,
/// <c>exchange:…</c>). For a transient subscription pass the client's temporary endpoint address
/// (<c>ReceiveEndpoint.InputAddress</c>); a plain name means that MassTransit temporary
/// endpoint's exchange.
/// </param>
/// <param name="Lifetime">Persistent (default) or transient.</param>
/// <param name="StartFrom">Where a new subscription starts; <c>null</c> means <see cref="Contracts.StartFrom.Beginning"/>.</param>
/// <param name="CheckpointMode">When the checkpoint advances: on broker confirmation (default) or on <see cref="AckEvent"/>.</param>
/// <param name="MaxInFlight">
/// How many events may be sent but not yet confirmed (or acknowledged, in
/// <see cref="CheckpointMode.ClientAck"/> mode) at once; <c>null</c> uses the gateway's default.
/// Capped by the gateway's maximum.
/// </param>
public sealed record SaveSubscription(
    string Store,
    string Name,
    SubscriptionType Type,
    string Selector,
    string Destination,
    SubscriptionLifetime Lifetime = SubscriptionLifetime.Persistent,
    StartFrom? StartFrom = null,
    CheckpointMode CheckpointMode = CheckpointMode.BrokerConfirmed,
    int? MaxInFlight = null);
