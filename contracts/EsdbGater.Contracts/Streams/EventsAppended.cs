namespace EsdbGater.Contracts;

/// <summary>Response to <see cref="AppendEvents"/>: the events are written.</summary>
/// <param name="Store">The store.</param>
/// <param name="StreamId">The stream.</param>
/// <param name="LastEventNumber">0-based number of the last event written; the stream's version now.</param>
public sealed record EventsAppended(string Store, string StreamId, long LastEventNumber);
