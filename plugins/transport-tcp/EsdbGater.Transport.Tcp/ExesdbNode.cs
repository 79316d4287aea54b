using EsdbGater.Contracts;
using EsdbGater.Erlang.Distribution;
using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tcp.Failures;
using EsdbGater.Transport.Tcp.Mapping;
using EsdbGater.Transport.Tcp.Operations;
using EsdbGater.Transport.Tcp.PubSub;
using EsdbGater.Transport.Tcp.Workers;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Transport.Tcp;

/// <summary>
/// ExESDB's gateway-worker API on one distribution connection: each operation builds the exact
/// request of contract §2, calls (monitored, with a deadline) or casts to the chosen worker,
/// and maps the reply. Disposing closes the connection.
/// </summary>
internal sealed class ExesdbNode : IExesdbNode
{
    private const string EmittersModule = "Elixir.ExESDB.Emitters";
    private const string StartEmitterPool = "start_emitter_pool";

    private readonly NodeConnection _connection;
    private readonly Func<PgScope> _pgScope;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly RemoteCalls _calls;
    private readonly GatewayWorkerDirectory _directory;
    private readonly WorkerIds _workerIds;

    /// <param name="connection">The node's connection, owned (closed) by this instance.</param>
    /// <param name="pgScope">Our pg scope, created on first use and shared by all nodes of the transport.</param>
    /// <param name="workerIds">The transport's worker ids (shared, so ids survive reconnects).</param>
    /// <param name="logger">The transport's logger.</param>
    /// <param name="timeProvider">Clock for deadlines.</param>
    public ExesdbNode(NodeConnection connection, Func<PgScope> pgScope, WorkerIds workerIds, ILogger logger, TimeProvider timeProvider)
    {
        _connection = connection;
        _pgScope = pgScope;
        _logger = logger;
        _timeProvider = timeProvider;
        _workerIds = workerIds;
        _calls = new RemoteCalls(connection);
        _directory = new GatewayWorkerDirectory(_calls, workerIds, logger, timeProvider);
    }

    public string NodeName => _connection.RemoteNode.Name;

    public bool IsConnected => _connection.IsConnected;

    public Task<string> Disconnected => _connection.Closed;

    public Task<IReadOnlyList<GatewayWorkerRef>> ListGatewayWorkersAsync(IReadOnlyCollection<string> knownStores, TimeSpan timeout, CancellationToken cancellationToken) =>
        _directory.ListAsync(knownStores, timeout, cancellationToken);

    public async Task<long> GetVersionAsync(GatewayWorkerRef worker, string streamId, TimeSpan timeout, CancellationToken cancellationToken) =>
        StreamProtocol.ParseVersion(await CallAsync(worker, StreamProtocol.GetVersion(Store(worker), streamId), "get_version", timeout, cancellationToken).ConfigureAwait(false));

    public async Task<AppendOutcome> AppendEventsAsync(
        GatewayWorkerRef worker, string streamId, ExpectedVersion expectedVersion, IReadOnlyList<EventData> events, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = StreamProtocol.AppendEvents(Store(worker), streamId, expectedVersion, NewEventTerm.ListFrom(events));
        return StreamProtocol.ParseAppend(await CallAsync(worker, request, "append_events", timeout, cancellationToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<RecordedEvent>> GetEventsAsync(
        GatewayWorkerRef worker, string streamId, long start, int count, ReadDirection direction, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = StreamProtocol.GetEvents(Store(worker), streamId, start, count, direction);
        return StreamProtocol.ParseEvents(await CallAsync(worker, request, "get_events", timeout, cancellationToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<string>> GetStreamsAsync(GatewayWorkerRef worker, TimeSpan timeout, CancellationToken cancellationToken) =>
        StreamProtocol.ParseStreams(await CallAsync(worker, StreamProtocol.GetStreams(Store(worker)), "get_streams", timeout, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<StoreInfo>> ListStoresAsync(GatewayWorkerRef worker, TimeSpan timeout, CancellationToken cancellationToken) =>
        StoreProtocol.ParseListStores(await CallAsync(worker, StoreProtocol.ListStores(), "list_stores", timeout, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<ExesdbSubscription>> GetSubscriptionsAsync(GatewayWorkerRef worker, TimeSpan timeout, CancellationToken cancellationToken) =>
        SubscriptionProtocol.ParseGetSubscriptions(
            await CallAsync(worker, SubscriptionProtocol.GetSubscriptions(Store(worker)), "get_subscriptions", timeout, cancellationToken).ConfigureAwait(false));

    public Task SaveSubscriptionAsync(GatewayWorkerRef worker, ExesdbSubscription subscription, CancellationToken cancellationToken) =>
        CastAsync(worker, SubscriptionProtocol.Save(Store(worker), subscription), "save_subscription", cancellationToken);

    public Task RemoveSubscriptionAsync(GatewayWorkerRef worker, ExesdbSubscription subscription, CancellationToken cancellationToken) =>
        CastAsync(worker, SubscriptionProtocol.Remove(Store(worker), subscription), "remove_subscription", cancellationToken);

    public Task RecordSnapshotAsync(GatewayWorkerRef worker, Snapshot snapshot, CancellationToken cancellationToken) =>
        CastAsync(worker, SnapshotProtocol.Record(Store(worker), snapshot, _timeProvider.GetUtcNow()), "record_snapshot", cancellationToken);

    public async Task<Snapshot?> ReadSnapshotAsync(GatewayWorkerRef worker, SnapshotKey key, TimeSpan timeout, CancellationToken cancellationToken) =>
        SnapshotProtocol.ParseRead(await CallAsync(worker, SnapshotProtocol.Read(Store(worker), key), "read_snapshot", timeout, cancellationToken).ConfigureAwait(false), key);

    public Task DeleteSnapshotAsync(GatewayWorkerRef worker, SnapshotKey key, CancellationToken cancellationToken) =>
        CastAsync(worker, SnapshotProtocol.Delete(Store(worker), key), "delete_snapshot", cancellationToken);

    public async Task<IReadOnlyList<Snapshot>> ListSnapshotsAsync(
        GatewayWorkerRef worker, string? sourceUuid, string? streamUuid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = SnapshotProtocol.List(Store(worker), sourceUuid, streamUuid);
        return SnapshotProtocol.ParseList(await CallAsync(worker, request, "list_snapshots", timeout, cancellationToken).ConfigureAwait(false), streamUuid);
    }

    public async Task<IEventFeed> JoinEventFeedAsync(CancellationToken cancellationToken) =>
        await _pgScope().JoinAsync(_calls, cancellationToken).ConfigureAwait(false);

    public async Task StartEmitterPoolAsync(string store, ExesdbSubscription subscription, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var args = SubscriptionProtocol.StartEmitterPoolArgs(StoreAtom.Of(store), subscription);
        var reply = await _calls.RpcAsync(EmittersModule, StartEmitterPool, args, "start_emitter_pool", timeout, cancellationToken).ConfigureAwait(false);
        if (!EmitterPoolReply.IsStarted(reply))
        {
            throw ExesdbFailures.UnexpectedReply("start_emitter_pool", reply);
        }

        _logger.LogInformation("Emitter pool {Type} {Selector} ({Name}) of store {Store} runs on {Node}", subscription.Type, subscription.Selector, subscription.Name, store, NodeName);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private Task<ErlangTerm> CallAsync(GatewayWorkerRef worker, ErlTuple request, string operation, TimeSpan timeout, CancellationToken cancellationToken) =>
        _calls.CallAsync(WorkerPid(worker), request, operation, timeout, cancellationToken);

    private Task CastAsync(GatewayWorkerRef worker, ErlTuple request, string operation, CancellationToken cancellationToken) =>
        _calls.CastAsync(WorkerPid(worker), request, operation, cancellationToken);

    private ErlPid WorkerPid(GatewayWorkerRef worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return _workerIds.Resolve(worker.Id, _connection.RemoteNode);
    }

    private static ErlAtom Store(GatewayWorkerRef worker) => StoreAtom.Of(worker.Store);
}
