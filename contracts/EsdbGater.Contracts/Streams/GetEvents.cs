namespace EsdbGater.Contracts;

/// <summary>
/// Request: read events of a stream. Responses: <see cref="EventsRead"/> or <see cref="GatewayError"/>.
/// A missing stream reads as no events, as in ExESDB.
/// </summary>
/// <param name="Store">The ExESDB store.</param>
/// <param name="StreamId">The stream.</param>
/// <param name="Start">0-based number of the first event returned, inclusive. To read the tail backward, use the version from <see cref="GetVersion"/>.</param>
/// <param name="Count">How many events at most (1 to the gateway's limit, 1000 by default).</param>
/// <param name="Direction">Ascending or descending event numbers from <paramref name="Start"/>.</param>
public sealed record GetEvents(
    string Store,
    string StreamId,
    long Start,
    int Count,
    ReadDirection Direction = ReadDirection.Forward);
