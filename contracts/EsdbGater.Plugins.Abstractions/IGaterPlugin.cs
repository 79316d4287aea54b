namespace EsdbGater.Plugins;

/// <summary>
/// Entry point of a plugin assembly. The host loads every assembly in its plugins folder,
/// instantiates the public parameterless types implementing this interface and picks the one
/// whose <see cref="Kind"/> and <see cref="Name"/> the configuration names.
/// </summary>
public interface IGaterPlugin
{
    /// <summary>What the plugin provides.</summary>
    PluginKind Kind { get; }

    /// <summary>The name configuration uses to select it, e.g. <c>static</c>, <c>gossip</c>, <c>tcp</c>.</summary>
    string Name { get; }
}

/// <summary>The two kinds of plugin the host loads.</summary>
public enum PluginKind
{
    Discovery,
    Transport,
}
