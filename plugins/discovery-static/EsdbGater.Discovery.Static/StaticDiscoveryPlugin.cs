using EsdbGater.Plugins;
using EsdbGater.Plugins.Discovery;

namespace EsdbGater.Discovery.Static;

/// <summary>
/// Discovery from configuration: the nodes listed under <c>Discovery:Static:Nodes</c>
/// (<c>EX_ESDB_GATER_CONNECT_TO</c>), followed when the configuration reloads.
/// </summary>
public sealed class StaticDiscoveryPlugin : IDiscoveryPlugin
{
    /// <inheritdoc />
    public string Name => "static";

    /// <inheritdoc />
    public INodeDiscovery Create(PluginContext context) => new StaticNodeDiscovery(context);
}
