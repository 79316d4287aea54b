using System.Collections;
using System.Globalization;
using EsdbGater.Plugins;
using Microsoft.Extensions.Configuration;

namespace EsdbGater.Host.Configuration;

/// <summary>Maps the seed's environment names onto <see cref="GaterConfigurationKeys"/>; see <see cref="SeedEnvironmentConfigurationSource"/>.</summary>
internal sealed class SeedEnvironmentConfigurationProvider(IDictionary environment) : ConfigurationProvider
{
    /// <summary>One-to-one renames: environment name → configuration key.</summary>
    private static readonly (string Variable, string Key)[] Renames =
    [
        ("EX_ESDB_CLUSTER_SECRET", GaterConfigurationKeys.ClusterSecret),
        ("EX_ESDB_PUB_SUB", GaterConfigurationKeys.PubSub),
        ("EX_ESDB_CLUSTER_PORT", GaterConfigurationKeys.GossipSection + ":Port"),
        ("EX_ESDB_CLUSTER_INTERFACE", GaterConfigurationKeys.GossipSection + ":Interface"),
        ("EX_ESDB_GOSSIP_MULTICAST_ADDR", GaterConfigurationKeys.GossipSection + ":MulticastAddress"),
        ("ERL_EPMD_PORT", GaterConfigurationKeys.TcpSection + ":EpmdPort"),
        ("RABBITMQ_URL", "RabbitMq:Url"),
        ("EX_ESDB_GATER_HTTP_URL", HttpEndpointOptions.Section + ":Url"),
    ];

    /// <summary>Elixir Logger levels (and Serilog's own names) → Serilog levels.</summary>
    private static readonly Dictionary<string, string> LogLevels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["verbose"] = "Verbose",
        ["trace"] = "Verbose",
        ["debug"] = "Debug",
        ["info"] = "Information",
        ["information"] = "Information",
        ["notice"] = "Information",
        ["warn"] = "Warning",
        ["warning"] = "Warning",
        ["error"] = "Error",
        ["critical"] = "Fatal",
        ["alert"] = "Fatal",
        ["emergency"] = "Fatal",
        ["fatal"] = "Fatal",
    };

    private static readonly char[] NodeSeparators = [',', ' ', ';', '\t', '\r', '\n'];

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

        foreach (var (variable, key) in Renames)
        {
            if (Read(variable) is { } value)
            {
                data[key] = value;
            }
        }

        // EX_ESDB_COOKIE is the gater's own name; RELEASE_COOKIE is what Elixir releases read.
        if ((Read("EX_ESDB_COOKIE") ?? Read("RELEASE_COOKIE")) is { } cookie)
        {
            data[GaterConfigurationKeys.Cookie] = cookie;
        }

        if (Read("EX_ESDB_GATER_CONNECT_TO") is { } connectTo)
        {
            var nodes = connectTo.Split(NodeSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < nodes.Length; i++)
            {
                data[GaterConfigurationKeys.StaticNodes + ":" + i.ToString(CultureInfo.InvariantCulture)] = nodes[i];
            }
        }

        if (Read("LOG_LEVEL") is { } level)
        {
            // Unknown names pass through, so Serilog's start-up error names the bad value.
            data[GaterConfigurationKeys.LogLevel] = LogLevels.GetValueOrDefault(level, level);
        }

        Data = data;
    }

    private string? Read(string variable) =>
        environment[variable] is string { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
