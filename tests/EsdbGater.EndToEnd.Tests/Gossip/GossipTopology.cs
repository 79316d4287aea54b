using System.Globalization;
using EsdbGater.Contracts;
using EsdbGater.TestKit.ExesdbDev;
using EsdbGater.TestKit.Gateway;
using EsdbGater.TestKit.RabbitMq;
using MassTransit;

namespace EsdbGater.EndToEnd.Tests.Gossip;

/// <summary>
/// A gateway that knows no node names: it listens for libcluster heartbeats (the gossip discovery
/// plugin) on a free UDP port of 127.0.0.1. Two development nodes send it heartbeats encrypted
/// with the cluster secret (unicast to 127.0.0.1); a third node, the stranger, sends heartbeats to
/// the same port encrypted with another secret. Same cookie everywhere, so the secret is the only
/// difference. The stranger has its own EPMD: it is reachable only if discovery names it.
/// Requests go to this gateway's own queues by address, on a broker of its own.
/// </summary>
public sealed class GossipTopology : IAsyncLifetime
{
    public const string Store = "reg_gh";

    private static readonly RequestTimeout ClientTimeout = RequestTimeout.After(s: 20);
    private readonly RabbitMqFixture _rabbit = new();
    private readonly string _cookie = "gossip_" + Guid.NewGuid().ToString("N");

    /// <summary>The UDP port every node heartbeats to and the gateway listens on.</summary>
    public int GossipPort { get; } = FreeUdpPort.Next();

    /// <summary>The secret of the cluster the gateway serves. Tests check that it is never logged.</summary>
    public string ClusterSecret { get; } = "right-" + Guid.NewGuid().ToString("N");

    /// <summary>The gateway's queue prefix: requests sent to it reach no other gateway.</summary>
    public string EndpointPrefix { get; } = "e2e-gossip-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Two nodes heartbeating with <see cref="ClusterSecret"/>.</summary>
    public DevCluster Cluster { get; private set; } = null!;

    /// <summary>One node heartbeating with another secret, at debug level so each heartbeat it sends is logged.</summary>
    public DevCluster Stranger { get; private set; } = null!;

    public GatewayProcess Gateway { get; private set; } = null!;

    public IBusControl Bus { get; private set; } = null!;

    /// <summary>The line a development node logs (at debug level) for each heartbeat it sends to the gateway's port.</summary>
    private string HeartbeatSentLine => $"[gossip] heartbeat sent to 127.0.0.1:{GossipPort.ToString(CultureInfo.InvariantCulture)}";

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: stop what did start.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops everything that started, each by its process id; safe to call more than once.</summary>
    public async Task DisposeAsync()
    {
        if (Bus is not null)
        {
            await Bus.StopAsync();
            Bus = null!;
        }

        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
            Gateway = null!;
        }

        if (Stranger is not null)
        {
            await Stranger.DisposeAsync();
            Stranger = null!;
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
            Cluster = null!;
        }

        await _rabbit.DisposeAsync();
    }

    /// <summary>A request client for this gateway's queue of a request type, e.g. <c>append-events</c>.</summary>
    public IRequestClient<T> Client<T>(string queue)
        where T : class => Bus.CreateRequestClient<T>(new Uri($"queue:{EndpointPrefix}.{queue}"), ClientTimeout);

    public async Task<ClusterStatus> StatusAsync() =>
        (await Client<GetClusterStatus>("get-cluster-status").GetResponse<ClusterStatus>(new GetClusterStatus())).Message;

    /// <summary>Polls the gateway's status until every node of <see cref="Cluster"/> is connected and serves the store.</summary>
    public async Task<ClusterStatus> WaitUntilClusterServedAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var status = await StatusAsync();
            var serving = status.Nodes.Where(n => n.Connected && n.Workers.Any(w => w.Store == Store)).Select(n => n.NodeName);
            if (Cluster.NodeNames.All(serving.Contains))
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"The gateway did not connect to the heartbeating nodes within {within.TotalSeconds:0} s: {Describe(status)}\n--- gateway ---\n{Gateway.Output}\n{Cluster.DescribeLogs()}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Waits until <paramref name="node"/> has logged <paramref name="count"/> more heartbeats to the gateway's port than it had when called.</summary>
    public async Task AwaitMoreHeartbeatsAsync(DevNode node, int count, TimeSpan within)
    {
        var target = node.Output.Text.Split('\n').Count(IsHeartbeatSent) + count;
        var seen = 0;
        using var timeout = new CancellationTokenSource(within);
        try
        {
            // OutputLog tests each line once, in order (already printed ones first), so this counts every heartbeat line.
            await node.Output.WaitForLineAsync(line => IsHeartbeatSent(line) && ++seen >= target, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{node.Alive} sent {seen} of {target} heartbeats within {within.TotalSeconds:0} s.\n{node.AllOutput}");
        }
    }

    public static string Describe(ClusterStatus status) =>
        string.Join(", ", status.Nodes.Select(n => $"{n.NodeName}={(n.Connected ? "connected" : "not connected")}"));

    private bool IsHeartbeatSent(string line) => line.Contains(HeartbeatSentLine, StringComparison.Ordinal);

    private DevClusterOptions Nodes(int count, string secret, int intervalMs, string logLevel) => new()
    {
        NodeCount = count,
        Stores = [Store],
        Cookie = _cookie,
        LogLevel = logLevel,
        Gossip = new DevGossipOptions { Mode = DevGossipMode.Unicast, Port = GossipPort, Secret = secret, IntervalMs = intervalMs },
    };

    private Dictionary<string, string> GatewayEnvironment()
    {
        var environment = TestKit.Gateway.GatewayEnvironment.For(Cluster, _rabbit.Endpoint, Store, EndpointPrefix);

        // No node list: whatever the gateway connects to, gossip told it about.
        environment.Remove("EX_ESDB_GATER_CONNECT_TO");
        environment["Discovery__Plugin"] = "gossip";
        environment["Discovery__Gossip__Port"] = GossipPort.ToString(CultureInfo.InvariantCulture);
        environment["Discovery__Gossip__Interface"] = "127.0.0.1";

        // Join no multicast group: a membership would be announced on a real interface.
        environment["Discovery__Gossip__BroadcastOnly"] = "true";
        environment["EX_ESDB_CLUSTER_SECRET"] = ClusterSecret;
        return environment;
    }

    private async Task StartAsync()
    {
        var broker = _rabbit.InitializeAsync();
        var cluster = DevCluster.StartAsync(Nodes(count: 2, ClusterSecret, intervalMs: 500, logLevel: "info"));
        var stranger = DevCluster.StartAsync(Nodes(count: 1, "wrong-" + Guid.NewGuid().ToString("N"), intervalMs: 200, logLevel: "debug"));
        try
        {
            await Task.WhenAll(broker, cluster, stranger);
        }
        finally
        {
            Cluster = cluster.IsCompletedSuccessfully ? cluster.Result : null!;
            Stranger = stranger.IsCompletedSuccessfully ? stranger.Result : null!;
        }

        Gateway = await GatewayProcess.StartAsync(GatewayEnvironment(), TimeSpan.FromSeconds(90));
        Bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(_rabbit.Endpoint));
        using var busStart = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Bus.StartAsync(busStart.Token);
    }
}
