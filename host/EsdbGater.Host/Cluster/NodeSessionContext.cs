using EsdbGater.Host.Configuration;
using EsdbGater.Plugins;
using EsdbGater.Plugins.Discovery;
using EsdbGater.Plugins.Transport;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Cluster;

/// <summary>What every node session shares.</summary>
internal sealed record NodeSessionContext(
    INodeTransport Transport,
    INodeDiscovery Discovery,
    ClusterView View,
    IClusterEventSink Events,
    ClusterMonitorOptions Options,
    IReadOnlyCollection<string> ConfiguredStores,
    TimeProvider Time,
    ILogger Logger)
{
    public ExponentialBackoff Backoff { get; } = new(Options.ReconnectInitialDelay, Options.ReconnectMaxDelay);
}
