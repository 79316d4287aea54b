using EsdbGater.Contracts;
using EsdbGater.Host.Cluster;
using EsdbGater.Host.Health;
using EsdbGater.Host.Pool;
using EsdbGater.Plugins.Transport;
using MassTransit;

namespace EsdbGater.Host.Api.Consumers;

/// <summary><see cref="GetClusterStatus"/> → <see cref="ClusterStatus"/>, from the monitor's view; touches no node.</summary>
internal sealed class GetClusterStatusConsumer(IClusterView view, INodeTransport transport, IKnownStores stores, ClusterHealth health)
    : IConsumer<GetClusterStatus>, IGatewayConsumer
{
    public static string QueueName => GatewayEndpoints.GetClusterStatus;

    public Task Consume(ConsumeContext<GetClusterStatus> context)
    {
        var nodes = view.Current.Nodes.Values
            .Select(n => new ClusterNodeStatus(
                n.NodeName,
                n.IsHealthy,
                [.. n.Workers.GroupBy(w => w.Store, StringComparer.Ordinal).Select(g => new StoreWorkers(g.Key, g.Count()))],
                n.Since))
            .ToList();
        var status = new ClusterStatus(transport.LocalNodeName, nodes, stores.All, health.Evaluate().Status != ClusterHealthStatus.Unhealthy);
        return context.RespondAsync(status);
    }
}
