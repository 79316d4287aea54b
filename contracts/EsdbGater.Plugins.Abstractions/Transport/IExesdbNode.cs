using EsdbGater.Contracts;

namespace EsdbGater.Plugins.Transport;

/// <summary>
/// One live connection to one ExESDB node, offering the ExESDB gateway-worker API in .NET terms.
/// Every call takes the worker to use and a deadline; failures that are not answers of ExESDB
/// (deadline passed, worker crashed, connection lost) throw <see cref="ExesdbCallException"/>.
/// Casts return once the message is written: ExESDB never confirms them.
/// </summary>
public interface IExesdbNode : IAsyncDisposable
{
    /// <summary>The remote node's name.</summary>
    string NodeName { get; }

    /// <summary>False once the connection is lost or disposed.</summary>
    bool IsConnected { get; }

    /// <summary>Completes, never faults, when the connection ends; the value says why.</summary>
    Task<string> Disconnected { get; }

    /// <summary>
    /// The gateway workers running on this node: Swarm's registry (through <c>rex</c>) merged
    /// with <c>which_children</c> of each store's partition supervisor, for
    /// <paramref name="knownStores"/> and for every store Swarm names.
    /// </summary>
    Task<IReadOnlyList<GatewayWorkerRef>> ListGatewayWorkersAsync(
        IReadOnlyCollection<string> knownStores, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>0-based number of the stream's last event, -1 when ExESDB knows no events.</summary>
    Task<long> GetVersionAsync(GatewayWorkerRef worker, string streamId, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Appends with an expected version (ExESDB request #3, or #2 for <see cref="ExpectedVersion.Any"/>).</summary>
    Task<AppendOutcome> AppendEventsAsync(
        GatewayWorkerRef worker, string streamId, ExpectedVersion expectedVersion,
        IReadOnlyList<EventData> events, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Reads <paramref name="count"/> events from <paramref name="start"/> (inclusive).</summary>
    Task<IReadOnlyList<RecordedEvent>> GetEventsAsync(
        GatewayWorkerRef worker, string streamId, long start, int count, ReadDirection direction,
        TimeSpan timeout, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> GetStreamsAsync(GatewayWorkerRef worker, TimeSpan timeout, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoreInfo>> ListStoresAsync(GatewayWorkerRef worker, TimeSpan timeout, CancellationToken cancellationToken);

    Task<IReadOnlyList<ExesdbSubscription>> GetSubscriptionsAsync(GatewayWorkerRef worker, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Cast; the subscriber is always <c>nil</c> (a remote pid would break ExESDB's emitters).</summary>
    Task SaveSubscriptionAsync(GatewayWorkerRef worker, ExesdbSubscription subscription, CancellationToken cancellationToken);

    /// <summary>Cast.</summary>
    Task RemoveSubscriptionAsync(GatewayWorkerRef worker, ExesdbSubscription subscription, CancellationToken cancellationToken);

    /// <summary>Cast.</summary>
    Task RecordSnapshotAsync(GatewayWorkerRef worker, Snapshot snapshot, CancellationToken cancellationToken);

    /// <summary>The snapshot, or <c>null</c> when ExESDB has none at that key.</summary>
    Task<Snapshot?> ReadSnapshotAsync(GatewayWorkerRef worker, SnapshotKey key, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Cast.</summary>
    Task DeleteSnapshotAsync(GatewayWorkerRef worker, SnapshotKey key, CancellationToken cancellationToken);

    /// <summary>Snapshots of a source (or all sources when <paramref name="sourceUuid"/> is null), optionally of one stream.</summary>
    Task<IReadOnlyList<Snapshot>> ListSnapshotsAsync(
        GatewayWorkerRef worker, string? sourceUuid, string? streamUuid, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// Joins ExESDB's Phoenix.PubSub <c>pg</c> group for <c>:ex_esdb_events</c> on this node as a
    /// correct <c>pg</c> peer and returns the live feed.
    /// </summary>
    Task<IEventFeed> JoinEventFeedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Starts an ExESDB emitter pool through <c>rex</c>
    /// (<c>'Elixir.ExESDB.Emitters':start_emitter_pool/2</c>): the repair for nodes that started none.
    /// </summary>
    Task StartEmitterPoolAsync(string store, ExesdbSubscription subscription, TimeSpan timeout, CancellationToken cancellationToken);
}
