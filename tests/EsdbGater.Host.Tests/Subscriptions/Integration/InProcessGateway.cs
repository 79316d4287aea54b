using System.Collections;
using System.Globalization;
using PluginOptions = EsdbGater.Host.Configuration.PluginOptions;
using EsdbGater.Host.Hosting;
using EsdbGater.Host.Plugins;
using EsdbGater.Host.Subscriptions;
using EsdbGater.TestKit;
using EsdbGater.TestKit.ExesdbDev;
using EsdbGater.TestKit.RabbitMq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EsdbGater.Host.Tests.Subscriptions.Integration;

/// <summary>
/// A real gateway (plugins, transport, cluster monitor, worker pool, MassTransit on RabbitMQ,
/// subscriptions) running inside the test process against a development cluster and a test
/// broker. Several of them with the same <see cref="Prefix"/> are replicas of one gateway.
/// </summary>
internal sealed class InProcessGateway : IAsyncDisposable
{
    private readonly IHost _host;
    private int _disposed;

    private InProcessGateway(IHost host, string prefix)
    {
        _host = host;
        Prefix = prefix;
    }

    /// <summary>The gateway's queue prefix: its request queues are <c>&lt;prefix&gt;.&lt;operation&gt;</c>.</summary>
    public string Prefix { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>This replica's name (its Erlang node name), as subscriptions report their owner.</summary>
    public string ReplicaId => Get<EsdbGater.Plugins.Transport.INodeTransport>().LocalNodeName;

    public static async Task<InProcessGateway> StartAsync(
        DevCluster cluster, RabbitMqEndpoint broker, string prefix, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Hashtable
        {
            ["EX_ESDB_COOKIE"] = cluster.Cookie,
            ["EX_ESDB_GATER_CONNECT_TO"] = string.Join(',', cluster.NodeNames),
            ["ERL_EPMD_PORT"] = cluster.EpmdPort.ToString(CultureInfo.InvariantCulture),
            ["LOG_LEVEL"] = "warning",
            ["Plugins__Directory"] = BuiltPlugins,
            ["Gateway__Stores__0"] = cluster.Stores[0],
            ["Gateway__Bus__EndpointPrefix"] = prefix,
            ["RabbitMq__Host"] = broker.Host,
            ["RabbitMq__Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["RabbitMq__VirtualHost"] = broker.VirtualHost,
            ["RabbitMq__Username"] = broker.Username,
            ["RabbitMq__Password"] = broker.Password,
            ["Subscriptions__PollMinInterval"] = "00:00:00.020",
            ["Subscriptions__PollMaxInterval"] = "00:00:00.200",
            ["Subscriptions__CheckpointInterval"] = "00:00:00.100",
            ["Subscriptions__LeaseTickInterval"] = "00:00:00.250",
            ["Subscriptions__LeaseTimeout"] = "00:00:01.500",
            ["Subscriptions__RegistryRefreshInterval"] = "00:00:00.500",
            ["Subscriptions__RetryMaxDelay"] = "00:00:01",
            ["Subscriptions__SafetySweepInterval"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var builder = GatewayHost.CreateBuilder([], environment);
        var plugins = GaterPluginLoader.Load(PluginOptions.From(builder.Configuration));
        builder.Services.AddGateway(builder.Configuration, plugins);
        builder.Services.AddGaterSubscriptions(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new InProcessGateway(host, prefix);
    }

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>A graceful stop: subscriptions write their final checkpoint and hand over.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await _host.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            _host.Dispose();
        }
    }

    /// <summary>The plugins folder the host's build fills.</summary>
    private static string BuiltPlugins
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(Otp27Root.RepositoryRoot, "host/EsdbGater.Host/bin", configuration, "net10.0/plugins");
        }
    }
}
