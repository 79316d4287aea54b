using System.Net;
using EsdbGater.Discovery.Gossip.Heartbeats;
using EsdbGater.Gossip.Tests.Support;
using EsdbGater.TestKit.ExesdbDev;

namespace EsdbGater.Gossip.Tests.Integration;

/// <summary>
/// Development ExESDB nodes (compose/exesdb-dev, libcluster-compatible heartbeats) gossiping on
/// loopback only are discovered; a node under another secret is not; a stopped node goes away.
/// </summary>
public sealed class DevNodeGossipTests
{
    private const string Secret = "dev_cluster_secret_for_gossip_tests";

    [Fact]
    public async Task Dev_nodes_are_discovered_a_wrong_secret_is_not_and_a_killed_node_expires()
    {
        var options = TestGossip.LoopbackOptions with { ExpireAfter = TimeSpan.FromSeconds(2) };
        await using var discovery = TestGossip.Create(options, secret: Secret);
        await discovery.StartAsync(CancellationToken.None);
        var port = discovery.LocalEndPoint!.Port;

        var starting = DevCluster.StartAsync(new DevClusterOptions
        {
            NodeCount = 2,
            Storage = DevStorage.Ram,
            Gossip = new DevGossipOptions { Port = port, Secret = Secret, IntervalMs = 200 },
        });
        var startingStranger = DevCluster.StartAsync(new DevClusterOptions
        {
            Storage = DevStorage.Ram,
            Gossip = new DevGossipOptions { Port = port, Secret = "another_clusters_secret", IntervalMs = 200 },
        });
        await using var cluster = await starting;
        await using var stranger = await startingStranger;

        await discovery.WaitForAsync(s => cluster.NodeNames.All(name => s.Nodes.Any(n => n.NodeName == name)), "both dev nodes");
        await TestGossip.PollUntilAsync(
            () => discovery.Statistics.Ignored(IgnoreReason.DecryptionFailed) + discovery.Statistics.Ignored(IgnoreReason.NoHeartbeatPrefix) >= 5,
            "five heartbeats from the node with another secret");
        Assert.DoesNotContain(discovery.Current.Nodes, n => n.NodeName == stranger.NodeNames[0]);

        await cluster[1].KillAsync();

        await discovery.WaitForAsync(
            s => s.Nodes.Select(n => n.NodeName).SequenceEqual([cluster.NodeNames[0]]),
            $"only {cluster.NodeNames[0]} to remain after {cluster.NodeNames[1]} was killed");
    }

    [Fact]
    public async Task Dev_nodes_multicasting_on_loopback_are_heard_on_a_port_they_share()
    {
        // The nodes bind the group address and port themselves (reuseaddr, SO_REUSEPORT) as
        // libcluster does; the listener shares that port, joined to the group on 127.0.0.1.
        var group = IPAddress.Parse("239.255.0.1");
        await using var discovery = TestGossip.Create(TestGossip.LoopbackOptions with { Interface = group, MulticastAddress = group }, secret: Secret);
        await discovery.StartAsync(CancellationToken.None);

        await using var cluster = await DevCluster.StartAsync(new DevClusterOptions
        {
            NodeCount = 2,
            Storage = DevStorage.Ram,
            Gossip = new DevGossipOptions
            {
                Mode = DevGossipMode.Multicast,
                Port = discovery.LocalEndPoint!.Port,
                MulticastAddress = group.ToString(),
                Secret = Secret,
                IntervalMs = 200,
            },
        });

        await discovery.WaitForAsync(s => cluster.NodeNames.All(name => s.Nodes.Any(n => n.NodeName == name)), "both multicasting dev nodes");
    }
}
