using System.Threading.Channels;
using EsdbGater.Contracts;
using EsdbGater.TestKit.ExesdbDev;
using EsdbGater.TestKit.Gateway;
using EsdbGater.TestKit.RabbitMq;
using MassTransit;

namespace EsdbGater.EndToEnd.Tests.Fixtures;

/// <summary>
/// The whole topology of the quick start, for real: a RabbitMQ broker, three development ExESDB
/// nodes, the gateway host as a process, and a MassTransit bus in the test process that talks to
/// the gateway only through RabbitMQ. Shared by the tests of <see cref="EndToEndCollection"/>,
/// which run one after another and leave the cluster as they found it.
/// </summary>
public sealed class EndToEndFixture : IAsyncLifetime
{
    public const string Store = "reg_gh";

    /// <summary>The fixture gateway's queue prefix (the default).</summary>
    public const string EndpointPrefix = "esdb-gater";

    /// <summary>Short deadlines, so fault tests end quickly: each node call gets at most this.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(1.5);

    private static readonly RequestTimeout ClientTimeout = RequestTimeout.After(s: 20);
    private readonly RabbitMqFixture _rabbit = new();
    private readonly Channel<object> _clusterEvents = Channel.CreateUnbounded<object>();

    public DevCluster Cluster { get; private set; } = null!;

    public GatewayProcess Gateway { get; private set; } = null!;

    public IBusControl Bus { get; private set; } = null!;

    public RabbitMqEndpoint Broker => _rabbit.Endpoint;

    /// <summary>The fixture gateway's health and metrics endpoint (replicas started later have none: they would share its port).</summary>
    public GatewayOperationsEndpoint Operations { get; } = GatewayOperationsEndpoint.OnFreePort();

    public async Task InitializeAsync()
    {
        var broker = _rabbit.InitializeAsync();
        Cluster = await DevCluster.StartAsync(new DevClusterOptions { NodeCount = 3, Stores = [Store] });
        await broker;
        var environment = GatewayEnvironment();
        Operations.AddTo(environment);
        Gateway = await GatewayProcess.StartAsync(environment, TimeSpan.FromSeconds(90));
        Bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(Broker);
            // A subscriber of the gateway's cluster events, as any service would have one.
            cfg.ReceiveEndpoint($"e2e-cluster-events-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.Handler<NodeUp>(context => _clusterEvents.Writer.WriteAsync(context.Message).AsTask());
                e.Handler<NodeDown>(context => _clusterEvents.Writer.WriteAsync(context.Message).AsTask());
            });
        });
        await Bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        await WaitUntilServingAsync(connectedNodes: 3);
    }

    public async Task DisposeAsync()
    {
        if (Bus is not null)
        {
            await Bus.StopAsync();
        }

        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        await _rabbit.DisposeAsync();
        Operations.Dispose();
    }

    /// <summary>The first published cluster event (NodeUp or NodeDown) that matches; earlier ones are skipped.</summary>
    public async Task<T> NextClusterEventAsync<T>(Func<T, bool> match, TimeSpan within)
        where T : class
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await foreach (var message in _clusterEvents.Reader.ReadAllAsync(timeout.Token))
            {
                if (message is T candidate && match(candidate))
                {
                    return candidate;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new TimeoutException($"No matching {typeof(T).Name} was published within {within.TotalSeconds:0} s.");
    }

    /// <summary>Another gateway process on the same broker and cluster (a replica, sharing the queues).</summary>
    public Task<GatewayProcess> StartGatewayAsync() => GatewayProcess.StartAsync(GatewayEnvironment(), TimeSpan.FromSeconds(90));

    /// <summary>
    /// A request client that sends to the fixture gateway's own queue (e.g.
    /// <c>queue:esdb-gater.append-events</c>). Tests in this collection also start gateways with
    /// other queue prefixes; a published request would reach those too.
    /// </summary>
    public IRequestClient<T> Client<T>()
        where T : class => Bus.CreateRequestClient<T>(new Uri($"queue:{EndpointPrefix}.{QueueName<T>()}"), ClientTimeout);

    /// <summary>A request client as clients have it by default: requests are published to their type's exchange.</summary>
    public IRequestClient<T> PublishingClient<T>()
        where T : class => Bus.CreateRequestClient<T>(ClientTimeout);

    public async Task<ClusterStatus> StatusAsync() =>
        (await Client<GetClusterStatus>().GetResponse<ClusterStatus>(new GetClusterStatus())).Message;

    /// <summary>Polls the gateway's status until <paramref name="connectedNodes"/> nodes serve the store (external state: polled with a deadline).</summary>
    public async Task<ClusterStatus> WaitUntilServingAsync(int connectedNodes, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var status = await StatusAsync();
            if (status.Nodes.Count(n => n.Connected && n.Workers.Any(w => w.Store == Store)) == connectedNodes)
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The gateway did not reach {connectedNodes} serving node(s): {string.Join(", ", status.Nodes.Select(n => $"{n.NodeName}={n.Connected}"))}\n{Gateway.Output}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The gateway's queue of a request type: its name in kebab case (AppendEvents → append-events).</summary>
    private static string QueueName<T>() =>
        string.Concat(typeof(T).Name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private Dictionary<string, string> GatewayEnvironment() => new()
    {
        ["RABBITMQ_URL"] = Broker.AmqpUri.ToString(),
        ["EX_ESDB_COOKIE"] = Cluster.Cookie,
        ["EX_ESDB_GATER_CONNECT_TO"] = string.Join(',', Cluster.NodeNames),
        ["ERL_EPMD_PORT"] = Cluster.EpmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway__Stores__0"] = Store,
        ["Gateway__Pool__AppendTimeout"] = CallTimeout.ToString(),
        ["Gateway__Pool__ReadTimeout"] = CallTimeout.ToString(),
        ["Gateway__Pool__NoWorkersWait"] = "00:00:01",
        ["Cluster__Monitor__ReconnectMaxDelay"] = "00:00:01",
        ["Cluster__Monitor__WorkerRefreshInterval"] = "00:00:02",
        ["LOG_LEVEL"] = "info",
    };
}
