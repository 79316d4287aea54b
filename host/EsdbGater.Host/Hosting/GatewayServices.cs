using EsdbGater.Host.Api;
using EsdbGater.Host.Api.Validation;
using EsdbGater.Host.Cluster;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Health;
using EsdbGater.Host.Logging;
using EsdbGater.Host.Observability;
using EsdbGater.Host.Operations;
using EsdbGater.Host.Plugins;
using EsdbGater.Host.Pool;
using EsdbGater.Host.Pool.Health;
using EsdbGater.Host.Pool.LoadBalancing;
using EsdbGater.Host.Subscriptions;
using EsdbGater.Plugins;
using EsdbGater.Plugins.Discovery;
using EsdbGater.Plugins.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Hosting;

/// <summary>The gateway's services, in the order the request path uses them.</summary>
internal static class GatewayServices
{
    public static IServiceCollection AddGateway(this IServiceCollection services, IConfiguration configuration, LoadedPlugins plugins)
    {
        services.AddGatewaySerilog(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddGatewayOptions(configuration);

        // Telemetry and the operations endpoint: first, so the endpoint answers while the rest starts.
        services.AddGatewayObservability(configuration);

        // Plugins: created on first use with the host's configuration and loggers; disposed by the container.
        services.AddSingleton(plugins);
        services.AddSingleton(sp => NewPluginContext(sp, configuration));
        services.AddSingleton<INodeDiscovery>(sp => plugins.Discovery.Create(sp.GetRequiredService<PluginContext>()));
        services.AddSingleton<INodeTransport>(sp => plugins.Transport.Create(sp.GetRequiredService<PluginContext>()));

        // Cluster: the monitor keeps the view current; the pool reads it.
        services.AddSingleton<ClusterView>();
        services.AddSingleton<IClusterView>(sp => sp.GetRequiredService<ClusterView>());
        services.AddSingleton<ClusterMonitor>();
        services.AddSingleton<IWorkerRefresher>(sp => sp.GetRequiredService<ClusterMonitor>());
        services.AddHostedService(sp => sp.GetRequiredService<ClusterMonitor>());
        services.AddSingleton<IClusterEventSink, BusClusterEventSink>();

        // Worker pool and operations.
        services.AddSingleton<IAvailableNodesPolicy, ConnectedNodesPolicy>();
        services.AddSingleton<RendezvousHashingPolicy>();
        services.AddSingleton(new PowerOfTwoChoicesPolicy());
        services.AddSingleton<OutstandingCalls>();
        services.AddSingleton<WorkerPool>();
        services.AddSingleton<StreamLocks>();
        services.AddSingleton<IKnownStores, KnownStores>();
        services.AddSingleton<RequestBudgetFactory>();
        services.AddSingleton<ReadExecutor>();
        services.AddSingleton<AppendExecutor>();
        services.AddSingleton<SnapshotWriter>();
        services.AddSingleton<RequestValidator>();

        // Health, the bus, and the "ready" line (after the bus, whose start it waits for).
        services.AddSingleton<ClusterHealth>();
        services.AddHealthChecks().AddCheck<ClusterMonitorHealthCheck>("cluster", tags: [OperationsListener.ReadyTag]);
        services.AddGatewayBus();

        // Subscriptions (host/EsdbGater.Host/Subscriptions): after the bus, so they start after it and stop before it.
        services.AddGaterSubscriptions(configuration);
        services.AddHostedService<ReadinessReporter>();
        return services;
    }

    private static IServiceCollection AddGatewayOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<GatewayOptions, GatewayOptionsValidator>(configuration, GatewayOptions.Section);
        services.AddValidatedOptions<RequestLimitsOptions, RequestLimitsOptionsValidator>(configuration, RequestLimitsOptions.Section);
        services.AddValidatedOptions<PoolOptions, PoolOptionsValidator>(configuration, PoolOptions.Section);
        services.AddValidatedOptions<ClusterMonitorOptions, ClusterMonitorOptionsValidator>(configuration, ClusterMonitorOptions.Section);
        services.AddValidatedOptions<BusOptions, BusOptionsValidator>(configuration, BusOptions.Section);
        services.AddValidatedOptions<RabbitMqOptions, RabbitMqOptionsValidator>(configuration, RabbitMqOptions.Section);
        services.AddValidatedOptions<HttpEndpointOptions, HttpEndpointOptionsValidator>(configuration, HttpEndpointOptions.Section);
        return services;
    }

    private static void AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }

    private static PluginContext NewPluginContext(IServiceProvider services, IConfiguration configuration) =>
        new(configuration, services.GetRequiredService<ILoggerFactory>(), services.GetRequiredService<TimeProvider>());
}
