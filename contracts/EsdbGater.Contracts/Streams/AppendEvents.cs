namespace EsdbGater.Contracts;

/// <summary>
/// Request: append events to a stream. Responses: <see cref="EventsAppended"/>,
/// <see cref="WrongExpectedVersion"/> or <see cref="GatewayError"/>.
/// </summary>
/// <example>
/// <code>
/// var response = await client.GetResponse&lt;EventsAppended, WrongExpectedVersion, GatewayError&gt;(
///     new AppendEvents("reg_gh", "order-42", events, ExpectedVersion.NoStream));
/// </code>
/// </example>
/// <param name="Store">The ExESDB store, e.g. <c>reg_gh</c>.</param>
/// <param name="StreamId">The stream; must not start with <c>$</c> (ExESDB reserves it for selectors).</param>
/// <param name="Events">One or more events, written in this order with consecutive numbers.</param>
/// <param name="ExpectedVersion">
/// The optimistic-concurrency check; <c>null</c> means <see cref="Contracts.ExpectedVersion.Any"/>.
/// </param>
public sealed record AppendEvents(
    string Store,
    string StreamId,
    IReadOnlyList<EventData> Events,
    ExpectedVersion? ExpectedVersion = null);
