using EsdbGater.Contracts;

namespace EsdbGater.Host.Subscriptions.Seams;

/// <summary>
/// The reads a subscription needs from a store (ExESDB's <c>get_version</c>, <c>get_events</c>
/// forward, <c>get_streams</c>), on whichever node serves the store. Failures throw; the engine
/// retries with back-off.
/// </summary>
internal interface IStoreReader
{
    /// <summary>Number of the stream's last event; -1 when ExESDB knows none.</summary>
    Task<long> GetVersionAsync(string store, string streamId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> events from <paramref name="start"/> (inclusive), ascending.</summary>
    Task<IReadOnlyList<RecordedEvent>> GetEventsAsync(string store, string streamId, long start, int count, CancellationToken cancellationToken);

    /// <summary>Every stream of the store, in no particular order (ExESDB turns its errors into an empty list).</summary>
    Task<IReadOnlyList<string>> GetStreamsAsync(string store, CancellationToken cancellationToken);
}
