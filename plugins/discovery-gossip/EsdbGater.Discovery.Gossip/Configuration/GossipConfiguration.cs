using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EsdbGater.Plugins;
using Microsoft.Extensions.Configuration;

namespace EsdbGater.Discovery.Gossip.Configuration;

/// <summary>
/// Reads the gossip settings from the host configuration: the <c>Discovery:Gossip</c> section
/// first, then the seed's environment names (<c>EX_ESDB_CLUSTER_PORT</c>, ...), then the defaults.
/// Invalid values throw <see cref="PluginConfigurationException"/> naming the key that held them.
/// </summary>
public static class GossipConfiguration
{
    /// <summary>Where the secret is read when <see cref="GaterConfigurationKeys.ClusterSecret"/> is absent.</summary>
    public const string SecretEnvironmentName = "EX_ESDB_CLUSTER_SECRET";

    /// <summary>Setting names inside <see cref="GaterConfigurationKeys.GossipSection"/>.</summary>
    public static class Keys
    {
        public const string Port = "Port";
        public const string Interface = "Interface";
        public const string MulticastAddress = "MulticastAddress";
        public const string MulticastInterface = "MulticastInterface";
        public const string BroadcastOnly = "BroadcastOnly";
        public const string ExpireAfter = "ExpireAfter";
        public const string MaxNodes = "MaxNodes";
        public const string ConnectBackoffInitial = "ConnectBackoffInitial";
        public const string ConnectBackoffMax = "ConnectBackoffMax";
        public const string OwnNodeName = "OwnNodeName";
    }

    /// <summary>Reads and validates every setting except the secret.</summary>
    public static GossipOptions ReadOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(GaterConfigurationKeys.GossipSection);
        var defaults = GossipOptions.Default;

        var options = new GossipOptions(
            Port: ReadInt(Find(configuration, section, Keys.Port, "EX_ESDB_CLUSTER_PORT"), defaults.Port, min: 0, max: 65_535),
            Interface: ReadIPv4(Find(configuration, section, Keys.Interface, "EX_ESDB_CLUSTER_INTERFACE")) ?? defaults.Interface,
            MulticastAddress: ReadIPv4(Find(configuration, section, Keys.MulticastAddress, "EX_ESDB_GOSSIP_MULTICAST_ADDR")) ?? defaults.MulticastAddress,
            MulticastInterface: ReadIPv4(Find(configuration, section, Keys.MulticastInterface, null)),
            BroadcastOnly: ReadBool(Find(configuration, section, Keys.BroadcastOnly, null), defaults.BroadcastOnly),
            ExpireAfter: ReadDuration(Find(configuration, section, Keys.ExpireAfter, null), defaults.ExpireAfter),
            MaxNodes: ReadInt(Find(configuration, section, Keys.MaxNodes, null), defaults.MaxNodes, min: 1, max: 65_536),
            ConnectBackoffInitial: ReadDuration(Find(configuration, section, Keys.ConnectBackoffInitial, null), defaults.ConnectBackoffInitial),
            ConnectBackoffMax: ReadDuration(Find(configuration, section, Keys.ConnectBackoffMax, null), defaults.ConnectBackoffMax),
            OwnNodeName: Find(configuration, section, Keys.OwnNodeName, null).Value);

        if (options.ConnectBackoffMax < options.ConnectBackoffInitial)
        {
            throw new PluginConfigurationException(
                $"{Path(Keys.ConnectBackoffMax)} ({options.ConnectBackoffMax}) must not be shorter than {Path(Keys.ConnectBackoffInitial)} ({options.ConnectBackoffInitial}).");
        }

        return options;
    }

    /// <summary>
    /// The cluster secret, or <c>null</c> when none is set (heartbeats are then plaintext). An
    /// empty value counts as unset. Note that ExESDB itself falls back to <c>dev_cluster_secret</c>
    /// when its nodes run without <c>EX_ESDB_CLUSTER_SECRET</c>; this plugin has no such default.
    /// </summary>
    public static string? ReadSecret(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var secret = configuration[GaterConfigurationKeys.ClusterSecret];
        if (string.IsNullOrEmpty(secret))
        {
            secret = configuration[SecretEnvironmentName];
        }

        return string.IsNullOrEmpty(secret) ? null : secret;
    }

    private static string Path(string key) => ConfigurationPath.Combine(GaterConfigurationKeys.GossipSection, key);

    /// <summary>The value and the name it was found under, so errors point at the right place.</summary>
    private static Setting Find(IConfiguration root, IConfigurationSection section, string key, string? environmentName)
    {
        var value = section[key];
        if (!string.IsNullOrWhiteSpace(value))
        {
            return new Setting(Path(key), value.Trim());
        }

        if (environmentName is not null && root[environmentName] is { } fromEnvironment && !string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new Setting(environmentName, fromEnvironment.Trim());
        }

        return new Setting(Path(key), null);
    }

    private static int ReadInt(Setting setting, int fallback, int min, int max)
    {
        if (setting.Value is null)
        {
            return fallback;
        }

        if (!int.TryParse(setting.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new PluginConfigurationException($"{setting.Name} must be a whole number from {min} to {max}, got '{setting.Value}'.");
        }

        return value;
    }

    private static bool ReadBool(Setting setting, bool fallback)
    {
        if (setting.Value is null)
        {
            return fallback;
        }

        return bool.TryParse(setting.Value, out var value)
            ? value
            : throw new PluginConfigurationException($"{setting.Name} must be true or false, got '{setting.Value}'.");
    }

    private static IPAddress? ReadIPv4(Setting setting)
    {
        if (setting.Value is null)
        {
            return null;
        }

        // libcluster's gossip is IPv4 only (gen_udp with inet addresses).
        if (!IPAddress.TryParse(setting.Value, out var address) || address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new PluginConfigurationException($"{setting.Name} must be an IPv4 address such as 0.0.0.0, got '{setting.Value}'.");
        }

        return address;
    }

    /// <summary>
    /// A plain number is seconds ("30"); anything else is a .NET time span ("00:00:30"). Plain
    /// numbers are not left to <see cref="TimeSpan.Parse(string)"/>, which reads "30" as 30 days.
    /// </summary>
    private static TimeSpan ReadDuration(Setting setting, TimeSpan fallback)
    {
        if (setting.Value is null)
        {
            return fallback;
        }

        TimeSpan value;
        if (double.TryParse(setting.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            value = seconds is > 0 and < 86_400 * 365 ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
        }
        else if (!TimeSpan.TryParse(setting.Value, CultureInfo.InvariantCulture, out value))
        {
            value = TimeSpan.Zero;
        }

        return value > TimeSpan.Zero
            ? value
            : throw new PluginConfigurationException($"{setting.Name} must be a positive duration, as seconds (30) or a time span (00:00:30), got '{setting.Value}'.");
    }

    private readonly record struct Setting(string Name, string? Value);
}
