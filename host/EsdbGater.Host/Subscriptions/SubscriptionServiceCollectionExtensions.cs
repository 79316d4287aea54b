using EsdbGater.Host.Cluster;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Logging;
using EsdbGater.Host.Observability;
using EsdbGater.Host.Operations;
using EsdbGater.Host.Pool;
using EsdbGater.Host.Subscriptions.Adapters;
using EsdbGater.Host.Subscriptions.Bus;
using EsdbGater.Host.Subscriptions.Bus.Ownership;
using EsdbGater.Host.Subscriptions.Checkpoints;
using EsdbGater.Host.Subscriptions.Engine;
using EsdbGater.Host.Subscriptions.Feed;
using EsdbGater.Host.Subscriptions.Management;
using EsdbGater.Host.Subscriptions.Seams;
using EsdbGater.Plugins.Transport;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Subscriptions;

/// <summary>Registration of subscriptions over the bus.</summary>
internal static class SubscriptionServiceCollectionExtensions
{
    /// <summary>
    /// Subscriptions: the engine, its adapters onto the worker pool, the cluster's PubSub feeds,
    /// ExESDB snapshots (checkpoints) and RabbitMQ (delivery, ownership), and the hosted service.
    /// Call after the bus is registered (<c>AddGatewayBus</c>), so that subscriptions start after
    /// the bus and stop before it. The request consumers are picked up with the gateway's others
    /// (they implement <c>IGatewayConsumer</c>).
    /// </summary>
    public static IServiceCollection AddGaterSubscriptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SubscriptionOptions>().Bind(configuration.GetSection(SubscriptionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SubscriptionOptions>, SubscriptionOptionsValidator>();

        services.AddSingleton<IStoreReader, PoolStoreReader>();
        services.AddSingleton<ICheckpointStore>(sp => new SnapshotCheckpointStore(
            sp.GetRequiredService<IOptions<BusOptions>>().Value.EndpointPrefix,
            sp.GetRequiredService<WorkerPool>(),
            sp.GetRequiredService<ReadExecutor>(),
            sp.GetRequiredService<IOptions<PoolOptions>>(),
            sp.GetRequiredService<IOptions<SubscriptionOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            Log(sp)));
        services.AddSingleton(sp => new ClusterLiveFeedSource(
            sp.GetRequiredService<IClusterView>(),
            Options(sp),
            sp.GetRequiredService<TimeProvider>(),
            Log(sp)));
        services.AddSingleton<ILiveFeedSource>(sp => sp.GetRequiredService<ClusterLiveFeedSource>());
        services.AddHostedService(sp => sp.GetRequiredService<ClusterLiveFeedSource>());
        services.AddSingleton(sp => new LiveFeedMonitor(
            sp.GetRequiredService<ILiveFeedSource>(),
            sp.GetRequiredService<IOptions<SubscriptionOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            Log(sp)));
        services.AddSingleton<ISubscriptionDelivery>(sp => new MeteredSubscriptionDelivery(
            ActivatorUtilities.CreateInstance<MassTransitSubscriptionDelivery>(sp),
            sp.GetRequiredService<GatewayMetrics>()));
        services.AddSingleton(sp => new RabbitMqSubscriptionOwnership(
            sp.GetRequiredService<IBus>(),
            sp.GetRequiredService<IReceiveEndpointConnector>(),
            sp.GetRequiredService<IOptions<BusOptions>>(),
            Options(sp),
            ReplicaId(sp),
            sp.GetRequiredService<TimeProvider>(),
            Log(sp)));
        services.AddSingleton<ISubscriptionOwnership>(sp => sp.GetRequiredService<RabbitMqSubscriptionOwnership>());

        services.AddSingleton(sp => new RunnerDependencies(
            sp.GetRequiredService<IStoreReader>(),
            sp.GetRequiredService<ILiveFeedSource>(),
            sp.GetRequiredService<LiveFeedMonitor>(),
            sp.GetRequiredService<ISubscriptionDelivery>(),
            sp.GetRequiredService<ICheckpointStore>(),
            Options(sp),
            sp.GetRequiredService<TimeProvider>(),
            Log(sp),
            ReplicaId(sp))
        {
            Running = sp.GetRequiredService<RunningSubscriptions>(),
        });
        services.AddSingleton<RunningSubscriptions>();
        services.AddSingleton<RunnerFactory>();
        services.AddSingleton<SubscriptionRequestValidator>();
        services.AddSingleton(sp => new SubscriptionManager(
            sp.GetRequiredService<RunnerFactory>(),
            sp.GetRequiredService<ISubscriptionOwnership>(),
            sp.GetRequiredService<ICheckpointStore>(),
            sp.GetRequiredService<IStoreReader>(),
            sp.GetRequiredService<SubscriptionRequestValidator>(),
            sp.GetRequiredService<IOptions<SubscriptionOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            Log(sp)));
        services.AddHostedService(sp => new SubscriptionService(
            sp.GetRequiredService<SubscriptionManager>(),
            sp.GetRequiredService<RabbitMqSubscriptionOwnership>(),
            sp.GetRequiredService<IKnownStores>(),
            sp.GetRequiredService<IOptions<GatewayOptions>>(),
            sp.GetRequiredService<IOptions<SubscriptionOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            Log(sp)));
        return services;
    }

    private static ILogger Log(IServiceProvider services) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger(LogComponent.Subscriptions);

    private static SubscriptionOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<SubscriptionOptions>>().Value;

    /// <summary>This gateway's node name on the Erlang distribution: unique per process, and what operators see elsewhere.</summary>
    private static string ReplicaId(IServiceProvider services) =>
        services.GetRequiredService<INodeTransport>().LocalNodeName;
}
