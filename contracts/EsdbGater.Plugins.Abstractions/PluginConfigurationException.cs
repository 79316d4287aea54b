namespace EsdbGater.Plugins;

/// <summary>
/// A plugin's configuration is missing or invalid. The message names the setting and says what
/// is wrong, and never contains a secret's value.
/// </summary>
public sealed class PluginConfigurationException(string message) : Exception(message);
