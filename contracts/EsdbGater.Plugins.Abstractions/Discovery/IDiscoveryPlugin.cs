namespace EsdbGater.Plugins.Discovery;

/// <summary>A plugin that creates the node discovery (static list, libcluster gossip, ...).</summary>
public interface IDiscoveryPlugin : IGaterPlugin
{
    PluginKind IGaterPlugin.Kind => PluginKind.Discovery;

    /// <summary>Creates the discovery; configuration errors throw <see cref="PluginConfigurationException"/>.</summary>
    INodeDiscovery Create(PluginContext context);
}
