using EsdbGater.Host.Cluster;
using EsdbGater.Plugins.Transport;

namespace EsdbGater.Host.Pool;

/// <summary>A worker the pool may use, with the node it runs on.</summary>
internal sealed record PoolCandidate(ClusterNode Node, GatewayWorkerRef Worker)
{
    public string NodeName => Node.NodeName;
}
