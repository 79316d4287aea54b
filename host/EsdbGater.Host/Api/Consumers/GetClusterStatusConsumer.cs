using EsdbGater.Contracts;
using EsdbGater.Host.Cluster;
using EsdbGater.Host.Pool;
using EsdbGater.Plugins.Transport;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EsdbGater.Host.Api.Consumers;

/// <summary>
/// <see cref="GetClusterStatus"/> → <see cref="ClusterStatus"/>, from the monitor's view; touches no
/// node. <see cref="ClusterStatus.Healthy"/> is the host's health checks (the bus's and the
/// cluster monitor's) short of Unhealthy.
/// </summary>
internal sealed class GetClusterStatusConsumer(IClusterView view, INodeTransport transport, IKnownStores stores, HealthCheckService health)
    : IConsumer<GetClusterStatus>, IGatewayConsumer
{
    public static string QueueName => GatewayEndpoints.GetClusterStatus;

    public async Task Consume(ConsumeContext<GetClusterStatus> context)
    {
        var nodes = view.Current.Nodes.Values
            .Select(n => new ClusterNodeStatus(
                n.NodeName,
                n.IsHealthy,
                [.. n.Workers.GroupBy(w => w.Store, StringComparer.Ordinal).Select(g => new StoreWorkers(g.Key, g.Count()))],
                n.Since))
            .ToList();
        var report = await health.CheckHealthAsync(context.CancellationToken).ConfigureAwait(false);
        await context.RespondAsync(new ClusterStatus(transport.LocalNodeName, nodes, stores.All, report.Status != HealthStatus.Unhealthy)).ConfigureAwait(false);
    }
}
