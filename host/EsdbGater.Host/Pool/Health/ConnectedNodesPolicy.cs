using EsdbGater.Host.Cluster;

namespace EsdbGater.Host.Pool.Health;

/// <summary>
/// Only workers of the requested store, and only on nodes the gateway is connected to. ExESDB's
/// own gater picks workers regardless of store, so in multi-store clusters its requests land on
/// nodes without the store and read as empty streams; this policy never does.
/// </summary>
internal sealed class ConnectedNodesPolicy : IAvailableNodesPolicy
{
    public string Name => "ConnectedWithStoreWorkers";

    public IReadOnlyList<PoolCandidate> Candidates(ClusterSnapshot snapshot, string? store)
    {
        var candidates = new List<PoolCandidate>();
        foreach (var node in snapshot.Nodes.Values)
        {
            if (!node.IsHealthy)
            {
                continue;
            }

            var workers = store is null ? node.Workers : node.WorkersOf(store);
            foreach (var worker in workers)
            {
                candidates.Add(new PoolCandidate(node, worker));
            }
        }

        return candidates;
    }
}
