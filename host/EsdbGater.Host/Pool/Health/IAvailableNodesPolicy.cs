using EsdbGater.Host.Cluster;

namespace EsdbGater.Host.Pool.Health;

/// <summary>Decides which workers of a snapshot may serve a store right now.</summary>
internal interface IAvailableNodesPolicy
{
    /// <summary>The policy's name, for logs and configuration.</summary>
    string Name { get; }

    /// <summary>The usable workers of <paramref name="store"/>, or of every store when it is null.</summary>
    IReadOnlyList<PoolCandidate> Candidates(ClusterSnapshot snapshot, string? store);
}
