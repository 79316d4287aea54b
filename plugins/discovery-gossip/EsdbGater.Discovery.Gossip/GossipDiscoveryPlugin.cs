using EsdbGater.Discovery.Gossip.Configuration;
using EsdbGater.Plugins;
using EsdbGater.Plugins.Discovery;

namespace EsdbGater.Discovery.Gossip;

/// <summary>
/// The <c>gossip</c> discovery plugin: ExESDB nodes found from their libcluster heartbeats.
/// Selected with <c>Discovery:Plugin = gossip</c>.
/// </summary>
public sealed class GossipDiscoveryPlugin : IDiscoveryPlugin
{
    /// <inheritdoc />
    public string Name => "gossip";

    /// <inheritdoc />
    public INodeDiscovery Create(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new GossipDiscovery(
            GossipConfiguration.ReadOptions(context.Configuration),
            GossipConfiguration.ReadSecret(context.Configuration),
            context.LoggerFactory,
            context.TimeProvider);
    }
}
