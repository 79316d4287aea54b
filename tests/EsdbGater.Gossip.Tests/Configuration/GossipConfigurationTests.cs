using System.Net;
using System.Net.Sockets;
using EsdbGater.Discovery.Gossip;
using EsdbGater.Discovery.Gossip.Configuration;
using EsdbGater.Plugins;
using EsdbGater.Plugins.Discovery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace EsdbGater.Gossip.Tests.Configuration;

/// <summary>Settings come from Discovery:Gossip, then the seed's environment names, then defaults.</summary>
public sealed class GossipConfigurationTests
{
    [Fact]
    public void Defaults_follow_ExESDB()
    {
        var options = GossipConfiguration.ReadOptions(Config());

        Assert.Equal(45892, options.Port);
        Assert.Equal(IPAddress.Any, options.Interface);
        Assert.Equal(IPAddress.Parse("239.255.0.1"), options.MulticastAddress);
        Assert.Null(options.MulticastInterface);
        Assert.False(options.BroadcastOnly);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ExpireAfter);
        Assert.Equal(256, options.MaxNodes);
        Assert.Equal(TimeSpan.FromSeconds(1), options.ConnectBackoffInitial);
        Assert.Equal(TimeSpan.FromSeconds(60), options.ConnectBackoffMax);
        Assert.Null(options.OwnNodeName);
        Assert.Null(GossipConfiguration.ReadSecret(Config()));
    }

    [Fact]
    public void The_seed_environment_names_are_read()
    {
        var options = GossipConfiguration.ReadOptions(Config(
            ("EX_ESDB_CLUSTER_PORT", "45999"),
            ("EX_ESDB_CLUSTER_INTERFACE", "127.0.0.1"),
            ("EX_ESDB_GOSSIP_MULTICAST_ADDR", "233.252.1.32")));

        Assert.Equal(45999, options.Port);
        Assert.Equal(IPAddress.Loopback, options.Interface);
        Assert.Equal(IPAddress.Parse("233.252.1.32"), options.MulticastAddress);
    }

    [Fact]
    public void The_section_wins_over_the_environment_names()
    {
        var options = GossipConfiguration.ReadOptions(Config(
            ("EX_ESDB_CLUSTER_PORT", "45999"),
            ("Discovery:Gossip:Port", "46000"),
            ("Discovery:Gossip:MulticastInterface", "127.0.0.1"),
            ("Discovery:Gossip:BroadcastOnly", "true"),
            ("Discovery:Gossip:ExpireAfter", "45"),
            ("Discovery:Gossip:MaxNodes", "16"),
            ("Discovery:Gossip:ConnectBackoffInitial", "00:00:00.500"),
            ("Discovery:Gossip:ConnectBackoffMax", "00:02:00"),
            ("Discovery:Gossip:OwnNodeName", "gater@host")));

        Assert.Equal(46000, options.Port);
        Assert.Equal(IPAddress.Loopback, options.MulticastInterface);
        Assert.True(options.BroadcastOnly);
        Assert.Equal(TimeSpan.FromSeconds(45), options.ExpireAfter);
        Assert.Equal(16, options.MaxNodes);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.ConnectBackoffInitial);
        Assert.Equal(TimeSpan.FromMinutes(2), options.ConnectBackoffMax);
        Assert.Equal("gater@host", options.OwnNodeName);
    }

    [Fact]
    public void The_secret_comes_from_Cluster_Secret_then_EX_ESDB_CLUSTER_SECRET()
    {
        Assert.Equal("mapped", GossipConfiguration.ReadSecret(Config(("Cluster:Secret", "mapped"), ("EX_ESDB_CLUSTER_SECRET", "raw"))));
        Assert.Equal("raw", GossipConfiguration.ReadSecret(Config(("EX_ESDB_CLUSTER_SECRET", "raw"))));
        Assert.Null(GossipConfiguration.ReadSecret(Config(("Cluster:Secret", ""))));
    }

    [Theory]
    [InlineData("Discovery:Gossip:Port", "70000", "Discovery:Gossip:Port")]
    [InlineData("EX_ESDB_CLUSTER_PORT", "gossip", "EX_ESDB_CLUSTER_PORT")]
    [InlineData("EX_ESDB_CLUSTER_INTERFACE", "eth0", "EX_ESDB_CLUSTER_INTERFACE")]
    [InlineData("Discovery:Gossip:Interface", "::1", "Discovery:Gossip:Interface")]
    [InlineData("EX_ESDB_GOSSIP_MULTICAST_ADDR", "not-an-address", "EX_ESDB_GOSSIP_MULTICAST_ADDR")]
    [InlineData("Discovery:Gossip:BroadcastOnly", "yes", "Discovery:Gossip:BroadcastOnly")]
    [InlineData("Discovery:Gossip:ExpireAfter", "0", "Discovery:Gossip:ExpireAfter")]
    [InlineData("Discovery:Gossip:ExpireAfter", "-00:00:01", "Discovery:Gossip:ExpireAfter")]
    [InlineData("Discovery:Gossip:MaxNodes", "0", "Discovery:Gossip:MaxNodes")]
    [InlineData("Discovery:Gossip:ConnectBackoffMax", "00:00:00.100", "Discovery:Gossip:ConnectBackoffMax")]
    public void Invalid_values_name_the_key_that_held_them(string key, string value, string named)
    {
        var error = Assert.Throws<PluginConfigurationException>(() => GossipConfiguration.ReadOptions(Config((key, value))));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Thirty_means_thirty_seconds_not_thirty_days()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), GossipConfiguration.ReadOptions(Config(("Discovery:Gossip:ExpireAfter", "30"))).ExpireAfter);
    }

    [Fact]
    public async Task The_plugin_is_named_gossip_and_builds_from_configuration()
    {
        var plugin = new GossipDiscoveryPlugin();
        var context = new PluginContext(
            Config(("Discovery:Gossip:Port", "0"), ("Discovery:Gossip:Interface", "127.0.0.1"), ("Discovery:Gossip:MulticastInterface", "127.0.0.1"), ("EX_ESDB_CLUSTER_SECRET", "s3cret")),
            NullLoggerFactory.Instance,
            TimeProvider.System);

        Assert.Equal("gossip", plugin.Name);
        Assert.Equal(PluginKind.Discovery, ((IGaterPlugin)plugin).Kind);
        await using var discovery = plugin.Create(context);
        await discovery.StartAsync(CancellationToken.None);
        Assert.Same(DiscoverySnapshot.Empty, discovery.Current);
    }

    [Fact]
    public async Task A_port_that_cannot_be_bound_is_a_configuration_error_without_the_secret()
    {
        // A socket without SO_REUSEADDR holds the port exclusively, so sharing it fails.
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)holder.LocalEndPoint!).Port;
        var context = new PluginContext(
            Config(("EX_ESDB_CLUSTER_INTERFACE", "127.0.0.1"), ("EX_ESDB_CLUSTER_PORT", port.ToString()), ("Discovery:Gossip:MulticastInterface", "127.0.0.1"), ("Cluster:Secret", "s3cret-value")),
            NullLoggerFactory.Instance,
            TimeProvider.System);
        await using var discovery = new GossipDiscoveryPlugin().Create(context);

        var error = await Assert.ThrowsAsync<PluginConfigurationException>(() => discovery.StartAsync(CancellationToken.None));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("EX_ESDB_CLUSTER_PORT", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
