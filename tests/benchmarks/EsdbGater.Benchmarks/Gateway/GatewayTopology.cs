using EsdbGater.Contracts;
using EsdbGater.TestKit.ExesdbDev;
using EsdbGater.TestKit.Gateway;
using EsdbGater.TestKit.RabbitMq;
using MassTransit;

namespace EsdbGater.Benchmarks.Gateway;

/// <summary>
/// The quick start's topology, all on loopback and all started here: a RabbitMQ broker (the test
/// kit's choice), three development ExESDB nodes logging at warning level, one gateway host
/// process, and a MassTransit bus in this process. Disposal stops every process by its PID.
/// </summary>
public sealed class GatewayTopology : IAsyncDisposable
{
    public const string Store = "reg_gh";
    public const string EndpointPrefix = "esdb-bench";
    public const int NodeCount = 3;

    private static readonly TimeSpan GatewayStartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ServingTimeout = TimeSpan.FromSeconds(60);

    private IRabbitMqBroker? _broker;
    private DevCluster? _cluster;
    private GatewayProcess? _gateway;
    private IBusControl? _bus;

    private GatewayTopology()
    {
    }

    public IRabbitMqBroker Broker => _broker!;

    public DevCluster Cluster => _cluster!;

    public GatewayProcess Gateway => _gateway!;

    public IBus Bus => _bus!;

    /// <summary>Starts everything and returns once the gateway serves <see cref="Store"/> on every node.</summary>
    public static async Task<GatewayTopology> StartAsync(CancellationToken cancellationToken)
    {
        var topology = new GatewayTopology();
        try
        {
            var broker = RabbitMqBrokers.StartAsync(cancellationToken);
            try
            {
                topology._cluster = await DevCluster.StartAsync(
                    new DevClusterOptions { NodeCount = NodeCount, Stores = [Store], LogLevel = "warning" }, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Awaited even when the cluster failed, so a broker that did start is stopped below.
                topology._broker = await broker.ConfigureAwait(false);
            }

            topology._gateway = await GatewayProcess.StartAsync(
                GatewayEnvironment.For(topology.Cluster, topology.Broker.Endpoint, Store, EndpointPrefix), GatewayStartTimeout).ConfigureAwait(false);
            topology._bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(topology.Broker.Endpoint));
            await topology._bus.StartAsync(cancellationToken).ConfigureAwait(false);
            await topology.WaitUntilServingAsync(cancellationToken).ConfigureAwait(false);
            return topology;
        }
        catch
        {
            await topology.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// CPU accounts of the parts: <c>client</c> (this process: request client and direct transport),
    /// <c>broker</c> (only for a broker the test kit started as a local process), <c>host</c>, <c>nodes</c>.
    /// </summary>
    public CpuMeter CreateCpuMeter() => new(
    [
        new CpuPart("client", [Environment.ProcessId], WithDescendants: false),
        new CpuPart("broker", Broker is LocalRabbitMqBroker local ? [local.BrokerProcessId] : [], WithDescendants: true),
        new CpuPart("host", [Gateway.ProcessId], WithDescendants: true),
        new CpuPart("nodes", [.. Cluster.Nodes.Select(n => n.ProcessId)], WithDescendants: true),
    ]);

    public async ValueTask DisposeAsync()
    {
        if (_bus is not null)
        {
            await _bus.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        if (_gateway is not null)
        {
            await _gateway.DisposeAsync().ConfigureAwait(false);
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync().ConfigureAwait(false);
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync().ConfigureAwait(false);
        }
    }

    // The cluster's status is external state: polled with a deadline.
    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        var client = Bus.CreateRequestClient<GetClusterStatus>(new Uri($"queue:{EndpointPrefix}.get-cluster-status"), RequestTimeout.After(s: 10));
        var deadline = DateTime.UtcNow + ServingTimeout;
        while (true)
        {
            var status = (await client.GetResponse<ClusterStatus>(new GetClusterStatus(), cancellationToken).ConfigureAwait(false)).Message;
            if (status.Nodes.Count(n => n.Connected && n.Workers.Any(w => w.Store == Store)) == NodeCount)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The gateway did not serve {Store} on {NodeCount} nodes within {ServingTimeout.TotalSeconds:0} s. Its output:\n{Gateway.Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }
    }
}
