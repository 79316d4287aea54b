using EsdbGater.Host.Cluster;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Pool.Health;
using EsdbGater.Host.Pool.LoadBalancing;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Pool;

/// <summary>
/// Chooses the gateway worker for each call (step 3 of the request path): only workers of the
/// requested store on healthy nodes; appends pinned to the stream's owner node, reads balanced
/// by load. When no worker is available it waits for the cluster view to change, at most
/// <see cref="PoolOptions.NoWorkersWait"/>, then fails with <see cref="NoWorkersException"/>
/// (ExESDB's own gater retries for about 26 s).
/// </summary>
internal sealed class WorkerPool(
    IClusterView view,
    IAvailableNodesPolicy available,
    RendezvousHashingPolicy ownership,
    PowerOfTwoChoicesPolicy balancing,
    OutstandingCalls load,
    IOptions<PoolOptions> options,
    TimeProvider time)
{
    /// <summary>The worker on the node that owns <paramref name="affinityKey"/> (a stream) now.</summary>
    public Task<WorkerLease> AcquireOwnerAsync(string store, string affinityKey, CancellationToken cancellationToken) =>
        AcquireAsync(store, candidates => ownership.Pick(candidates, new LoadBalancingContext(affinityKey, load)), cancellationToken);

    /// <summary>A lightly loaded worker of <paramref name="store"/> (any store when null).</summary>
    public Task<WorkerLease> AcquireBalancedAsync(string? store, CancellationToken cancellationToken) =>
        AcquireAsync(store, candidates => balancing.Pick(candidates, new LoadBalancingContext(null, load)), cancellationToken);

    /// <summary>
    /// Another worker for a retry, without waiting: on another node if there is one, else another
    /// worker of the same node; null when there is neither.
    /// </summary>
    public WorkerLease? TryAcquireAlternative(string? store, WorkerLease failed)
    {
        var candidates = available.Candidates(view.Current, store);
        var elsewhere = candidates.Where(c => c.NodeName != failed.NodeName).ToList();
        var choices = elsewhere.Count > 0 ? elsewhere : candidates.Where(c => c.Worker != failed.Worker).ToList();
        return choices.Count == 0 ? null : new WorkerLease(balancing.Pick(choices, new LoadBalancingContext(null, load)), load);
    }

    private async Task<WorkerLease> AcquireAsync(
        string? store, Func<IReadOnlyList<PoolCandidate>, PoolCandidate> pick, CancellationToken cancellationToken)
    {
        var wait = options.Value.NoWorkersWait;
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            var snapshot = view.Current;
            var candidates = available.Candidates(snapshot, store);
            if (candidates.Count > 0)
            {
                return new WorkerLease(pick(candidates), load);
            }

            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                throw new NoWorkersException(store, wait);
            }

            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var changed = view.WaitForChangeAsync(snapshot, waiting.Token);
            var expired = Task.Delay(remaining, time, waiting.Token);
            await Task.WhenAny(changed, expired).ConfigureAwait(false);
            await waiting.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
