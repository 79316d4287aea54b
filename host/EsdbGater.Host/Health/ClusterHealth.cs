using EsdbGater.Host.Cluster;
using EsdbGater.Host.Configuration;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Health;

/// <summary>
/// Whether the gateway can serve: every configured store (or, with none configured, some store)
/// has a worker on a connected node. Degraded when it can, but a known node is not connected.
/// </summary>
internal sealed class ClusterHealth(IClusterView view, IOptions<GatewayOptions> gateway)
{
    public ClusterHealthReport Evaluate()
    {
        var snapshot = view.Current;
        var served = snapshot.ServedStores.ToHashSet(StringComparer.Ordinal);
        var configured = gateway.Value.Stores;
        var missing = configured.Where(s => !served.Contains(s)).ToList();
        var down = snapshot.Nodes.Values.Where(n => !n.IsHealthy).Select(n => n.NodeName).ToList();
        if (configured.Count == 0 && served.Count == 0)
        {
            return new ClusterHealthReport(ClusterHealthStatus.Unhealthy, "No connected node runs a gateway worker.");
        }

        if (missing.Count > 0)
        {
            return new ClusterHealthReport(ClusterHealthStatus.Unhealthy, $"No connected node runs a gateway worker for: {string.Join(", ", missing)}.");
        }

        return down.Count > 0
            ? new ClusterHealthReport(ClusterHealthStatus.Degraded, $"Serving; not connected to: {string.Join(", ", down)}.")
            : new ClusterHealthReport(ClusterHealthStatus.Healthy, $"Serving {string.Join(", ", served.Order(StringComparer.Ordinal))} on {snapshot.Nodes.Count} node(s).");
    }
}
