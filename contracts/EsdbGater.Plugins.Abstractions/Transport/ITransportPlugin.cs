namespace EsdbGater.Plugins.Transport;

/// <summary>A plugin that creates the node transport (Erlang distribution over TCP, ...).</summary>
public interface ITransportPlugin : IGaterPlugin
{
    PluginKind IGaterPlugin.Kind => PluginKind.Transport;

    /// <summary>Creates the transport; configuration errors throw <see cref="PluginConfigurationException"/>.</summary>
    INodeTransport Create(PluginContext context);
}
