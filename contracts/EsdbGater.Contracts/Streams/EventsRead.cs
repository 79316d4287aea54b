namespace EsdbGater.Contracts;

/// <summary>Response to <see cref="GetEvents"/>.</summary>
/// <param name="Store">The store.</param>
/// <param name="StreamId">The stream.</param>
/// <param name="Events">The events in the requested direction; empty when there are none in range.</param>
public sealed record EventsRead(string Store, string StreamId, IReadOnlyList<RecordedEvent> Events);
