using EsdbGater.Plugins.Discovery;
using EsdbGater.Plugins.Transport;
using McMaster.NETCore.Plugins;

namespace EsdbGater.Host.Plugins;

/// <summary>The plugins the configuration selected, with the loaders that keep their load contexts alive.</summary>
internal sealed record LoadedPlugins(
    IDiscoveryPlugin Discovery,
    ITransportPlugin Transport,
    IReadOnlyList<PluginLoader> Loaders);
