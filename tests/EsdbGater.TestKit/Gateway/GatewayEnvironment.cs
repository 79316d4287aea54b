using System.Globalization;
using EsdbGater.TestKit.ExesdbDev;
using EsdbGater.TestKit.RabbitMq;

namespace EsdbGater.TestKit.Gateway;

/// <summary>
/// The environment of a gateway process that serves a <see cref="DevCluster"/> on a test broker,
/// with the seed's variable names, as in production. Add test-specific settings to the returned
/// dictionary (<c>Gateway__Pool__ReadTimeout</c>, <c>Subscriptions__...</c>) before
/// <see cref="GatewayProcess.StartAsync"/>.
/// <code>
/// var environment = GatewayEnvironment.For(cluster, broker.Endpoint, "reg_gh", "my-prefix");
/// environment["LOG_LEVEL"] = "warning";
/// await using var gateway = await GatewayProcess.StartAsync(environment, TimeSpan.FromSeconds(90));
/// </code>
/// </summary>
public static class GatewayEnvironment
{
    /// <summary>Broker, cookie, static node list, EPMD port, one store, the queue prefix, and <c>LOG_LEVEL=info</c> (the ready line is logged at info).</summary>
    public static Dictionary<string, string> For(DevCluster cluster, RabbitMqEndpoint broker, string store, string endpointPrefix)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(broker);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RABBITMQ_URL"] = broker.AmqpUri.ToString(),
            ["EX_ESDB_COOKIE"] = cluster.Cookie,
            ["EX_ESDB_GATER_CONNECT_TO"] = string.Join(',', cluster.NodeNames),
            ["ERL_EPMD_PORT"] = cluster.EpmdPort.ToString(CultureInfo.InvariantCulture),
            ["Gateway__Stores__0"] = store,
            ["Gateway__Bus__EndpointPrefix"] = endpointPrefix,
            ["LOG_LEVEL"] = "info",
        };
    }
}
