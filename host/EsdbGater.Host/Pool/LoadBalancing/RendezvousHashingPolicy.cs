namespace EsdbGater.Host.Pool.LoadBalancing;

/// <summary>
/// Appends: every stream has one owner node while membership is stable, the same in every gateway
/// replica. ExESDB's stream writers are per node and check versions against a local, possibly
/// stale read, so two nodes appending to one stream overwrite each other's events.
/// Rendezvous (highest random weight) hashing: each node scores <c>hash(node, stream)</c> and the
/// highest wins, so when a node leaves only the streams it owned move, and a returning node takes
/// back exactly those.
/// </summary>
internal sealed class RendezvousHashingPolicy : ILoadBalancingPolicy
{
    public string Name => "RendezvousHashing";

    public PoolCandidate Pick(IReadOnlyList<PoolCandidate> candidates, LoadBalancingContext context)
    {
        var key = context.AffinityKey ?? throw new ArgumentException("Rendezvous hashing needs an affinity key.", nameof(context));
        PoolCandidate? best = null;
        (ulong Node, ulong Worker) bestScore = default;
        foreach (var candidate in candidates)
        {
            // The node decides ownership; the worker score only spreads a node's streams over its workers.
            var score = (StableHash.Of(candidate.NodeName, key), StableHash.Of(candidate.Worker.Id, key));
            if (best is null || score.CompareTo(bestScore) > 0)
            {
                best = candidate;
                bestScore = score;
            }
        }

        return best ?? throw new ArgumentException("No candidates.", nameof(candidates));
    }
}
