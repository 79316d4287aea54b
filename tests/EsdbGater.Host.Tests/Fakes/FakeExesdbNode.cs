using EsdbGater.Contracts;
using EsdbGater.Plugins.Transport;

namespace EsdbGater.Host.Tests.Fakes;

/// <summary>
/// An <see cref="IExesdbNode"/> over a <see cref="FakeStreamStore"/>, with failures to inject:
/// the next appends or reads can fail as the transport reports them, after or before taking effect.
/// </summary>
internal sealed class FakeExesdbNode(string nodeName, FakeStreamStore store, params string[] stores) : IExesdbNode
{
    private readonly TaskCompletionSource<string> _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<AppendFault> _appendFaults = new();
    private readonly Queue<ExesdbCallFailure> _readFaults = new();

    public string NodeName { get; } = nodeName;

    public bool IsConnected => !_disconnected.Task.IsCompleted;

    public Task<string> Disconnected => _disconnected.Task;

    public List<GatewayWorkerRef> Workers { get; } = [.. stores.Select(s => new GatewayWorkerRef(s, nodeName, $"<{nodeName}.{s}.1>"))];

    public List<string> Calls { get; } = [];

    public List<ExpectedVersion> AppendExpectations { get; } = [];

    /// <summary>The next append loses ExESDB's internal race: bare <c>wrong_expected_version</c>, no version, nothing written.</summary>
    public bool LoseRaceOnNextAppend { get; set; }

    /// <summary>Casts are accepted but never take effect (ExESDB does not confirm them).</summary>
    public bool DropCasts { get; set; }

    /// <summary>Runs before each append with its 1-based call number (to let "another writer" act in between).</summary>
    public Action<int>? BeforeAppend { get; set; }

    /// <summary>Makes the next append fail with <paramref name="failure"/>; <paramref name="written"/> events are stored first.</summary>
    public void FailNextAppend(ExesdbCallFailure failure, int written = 0) => _appendFaults.Enqueue(new AppendFault(failure, written));

    public void FailNextRead(ExesdbCallFailure failure) => _readFaults.Enqueue(failure);

    public void Disconnect(string reason = "connection closed") => _disconnected.TrySetResult(reason);

    public Task<IReadOnlyList<GatewayWorkerRef>> ListGatewayWorkersAsync(IReadOnlyCollection<string> knownStores, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Record("list_workers");
        return Task.FromResult<IReadOnlyList<GatewayWorkerRef>>([.. Workers]);
    }

    public Task<long> GetVersionAsync(GatewayWorkerRef worker, string streamId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Record("get_version");
        ThrowReadFault();
        return Task.FromResult(store.VersionOf(streamId));
    }

    public Task<AppendOutcome> AppendEventsAsync(GatewayWorkerRef worker, string streamId, ExpectedVersion expectedVersion, IReadOnlyList<EventData> events, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Record("append");
        AppendExpectations.Add(expectedVersion);
        BeforeAppend?.Invoke(AppendExpectations.Count);
        if (LoseRaceOnNextAppend)
        {
            LoseRaceOnNextAppend = false;
            return Task.FromResult<AppendOutcome>(new AppendConflict(null));
        }

        if (_appendFaults.TryDequeue(out var fault))
        {
            if (fault.Written > 0)
            {
                store.Append(streamId, expectedVersion, events, fault.Written);
            }

            throw new ExesdbCallException(fault.Failure, $"injected {fault.Failure}");
        }

        return Task.FromResult(store.Append(streamId, expectedVersion, events));
    }

    public Task<IReadOnlyList<RecordedEvent>> GetEventsAsync(GatewayWorkerRef worker, string streamId, long start, int count, ReadDirection direction, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Record("get_events");
        ThrowReadFault();
        return Task.FromResult(store.Read(streamId, start, count, direction));
    }

    public Task<IReadOnlyList<string>> GetStreamsAsync(GatewayWorkerRef worker, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Record("get_streams");
        ThrowReadFault();
        return Task.FromResult<IReadOnlyList<string>>(["b-stream", "a-stream"]);
    }

    public Task<IReadOnlyList<StoreInfo>> ListStoresAsync(GatewayWorkerRef worker, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Record("list_stores");
        return Task.FromResult<IReadOnlyList<StoreInfo>>([new StoreInfo(worker.Store, NodeName, "cluster", "active", null, [])]);
    }

    public Task<IReadOnlyList<ExesdbSubscription>> GetSubscriptionsAsync(GatewayWorkerRef worker, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ExesdbSubscription>>([]);

    public Task SaveSubscriptionAsync(GatewayWorkerRef worker, ExesdbSubscription subscription, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RemoveSubscriptionAsync(GatewayWorkerRef worker, ExesdbSubscription subscription, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RecordSnapshotAsync(GatewayWorkerRef worker, Snapshot snapshot, CancellationToken cancellationToken)
    {
        Record("record_snapshot");
        if (!DropCasts)
        {
            store.Put(snapshot);
        }

        return Task.CompletedTask;
    }

    public Task<Snapshot?> ReadSnapshotAsync(GatewayWorkerRef worker, SnapshotKey key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Record("read_snapshot");
        ThrowReadFault();
        return Task.FromResult(store.Get(key));
    }

    public Task DeleteSnapshotAsync(GatewayWorkerRef worker, SnapshotKey key, CancellationToken cancellationToken)
    {
        Record("delete_snapshot");
        if (!DropCasts)
        {
            store.Delete(key);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Snapshot>> ListSnapshotsAsync(GatewayWorkerRef worker, string? sourceUuid, string? streamUuid, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Snapshot>>([]);

    public Task<IEventFeed> JoinEventFeedAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task StartEmitterPoolAsync(string store, ExesdbSubscription subscription, TimeSpan timeout, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Disconnect("disposed");
        return ValueTask.CompletedTask;
    }

    private void Record(string call)
    {
        lock (Calls)
        {
            Calls.Add(call);
        }
    }

    private void ThrowReadFault()
    {
        if (_readFaults.TryDequeue(out var failure))
        {
            throw new ExesdbCallException(failure, $"injected {failure}");
        }
    }

    private sealed record AppendFault(ExesdbCallFailure Failure, int Written);
}
