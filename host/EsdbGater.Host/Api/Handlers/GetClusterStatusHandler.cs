using EsdbGater.Contracts;
using EsdbGater.Host.Cluster;
using EsdbGater.Host.Operations;
using EsdbGater.Host.Pool;
using EsdbGater.Plugins.Transport;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EsdbGater.Host.Api.Handlers;

/// <summary>
/// <see cref="GetClusterStatus"/> → <see cref="ClusterStatus"/>, from the monitor's view; touches no
/// node, so it has nothing to check and no budget to keep. <see cref="ClusterStatus.Healthy"/> is
/// the host's health checks (the bus's and the cluster monitor's) short of Unhealthy.
/// </summary>
internal sealed class GetClusterStatusHandler(IClusterView view, INodeTransport transport, IKnownStores stores, HealthCheckService health)
    : IGatewayHandler<GetClusterStatus>
{
    public static string QueueName => GatewayEndpoints.GetClusterStatus;

    public GatewayError? Validate(GetClusterStatus request) => null;

    public async Task<object> HandleAsync(GetClusterStatus request, RequestBudget budget, CancellationToken cancellationToken)
    {
        var nodes = view.Current.Nodes.Values
            .Select(n => new ClusterNodeStatus(
                n.NodeName,
                n.IsHealthy,
                [.. n.Workers.GroupBy(w => w.Store, StringComparer.Ordinal).Select(g => new StoreWorkers(g.Key, g.Count()))],
                n.Since))
            .ToList();
        var report = await health.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        return new ClusterStatus(transport.LocalNodeName, nodes, stores.All, report.Status != HealthStatus.Unhealthy);
    }
}
