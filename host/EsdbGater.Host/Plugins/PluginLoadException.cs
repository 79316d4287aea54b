namespace EsdbGater.Host.Plugins;

/// <summary>A configured plugin could not be loaded; the message names the folder and the cause.</summary>
internal sealed class PluginLoadException(string message, Exception? inner = null) : Exception(message, inner);
