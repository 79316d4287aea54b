using EsdbGater.Contracts;
using EsdbGater.Host.Operations;
using EsdbGater.Host.Subscriptions.Seams;

namespace EsdbGater.Host.Subscriptions.Adapters;

/// <summary>
/// The subscription engine's reads through the host's worker pool: balanced over the store's
/// workers, with the read deadline, retried once on another node.
/// </summary>
internal sealed class PoolStoreReader(ReadExecutor reads, TimeProvider time) : IStoreReader
{
    public Task<long> GetVersionAsync(string store, string streamId, CancellationToken cancellationToken) =>
        reads.ExecuteAsync(
            store,
            RequestBudget.Unbounded(time),
            (node, worker, timeout, token) => node.GetVersionAsync(worker, streamId, timeout, token),
            cancellationToken);

    public Task<IReadOnlyList<RecordedEvent>> GetEventsAsync(string store, string streamId, long start, int count, CancellationToken cancellationToken) =>
        reads.ExecuteAsync(
            store,
            RequestBudget.Unbounded(time),
            (node, worker, timeout, token) => node.GetEventsAsync(worker, streamId, start, count, ReadDirection.Forward, timeout, token),
            cancellationToken);

    public Task<IReadOnlyList<string>> GetStreamsAsync(string store, CancellationToken cancellationToken) =>
        reads.ExecuteAsync(
            store,
            RequestBudget.Unbounded(time),
            (node, worker, timeout, token) => node.GetStreamsAsync(worker, timeout, token),
            cancellationToken);
}
