using EsdbGater.Contracts;
using EsdbGater.EndToEnd.Tests.Fixtures;

namespace EsdbGater.EndToEnd.Tests.Gossip;

/// <summary>
/// Issue 6, integration: a gateway given no node names finds development nodes by their
/// libcluster heartbeats on loopback, connects to them and serves requests through RabbitMQ;
/// a node whose heartbeats carry another secret is never taken in.
/// </summary>
[Collection(GossipCollection.Name)]
public sealed class GossipDiscoveryTests(GossipTopology topology)
{
    private const string Store = GossipTopology.Store;
    private static readonly TimeSpan DiscoveryDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Heartbeating_nodes_are_discovered_connected_and_served_through_the_bus()
    {
        var status = await topology.WaitUntilClusterServedAsync(DiscoveryDeadline);
        Assert.True(status.Healthy, GossipTopology.Describe(status));

        var stream = Events.Stream("gossip");
        var events = new[] { Events.New("found_by_gossip:v1", new { n = 1 }), Events.New("found_by_gossip:v1", new { n = 2 }) };
        var appended = await topology.Client<AppendEvents>("append-events")
            .GetResponse<EventsAppended, WrongExpectedVersion, GatewayError>(new AppendEvents(Store, stream, events, ExpectedVersion.NoStream));
        Assert.Equal(new EventsAppended(Store, stream, 1), appended.Message);

        var read = await topology.Client<GetEvents>("get-events").GetResponse<EventsRead, GatewayError>(new GetEvents(Store, stream, 0, 10));
        var recorded = Assert.IsType<EventsRead>(read.Message).Events;
        Assert.Equal(events.Select(e => e.EventId.ToString()), recorded.Select(e => e.EventId));
        Assert.Equal([1, 2], recorded.Select(e => e.Data.GetProperty("n").GetInt32()));

        Assert.DoesNotContain(topology.ClusterSecret, topology.Gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_heartbeating_with_another_secret_is_never_connected()
    {
        await topology.WaitUntilClusterServedAsync(DiscoveryDeadline);
        var stranger = topology.Stranger[0];

        // Positive evidence that its heartbeats kept reaching the gateway's port after the gateway
        // had heard (and acted on) the right ones: far more than it took to find those.
        await topology.AwaitMoreHeartbeatsAsync(stranger, count: 15, within: TimeSpan.FromSeconds(30));

        var status = await topology.StatusAsync();
        Assert.Equal(topology.Cluster.NodeNames.Order(StringComparer.Ordinal), status.Nodes.Select(n => n.NodeName).Order(StringComparer.Ordinal));
        Assert.All(status.Nodes, n => Assert.True(n.Connected, GossipTopology.Describe(status)));
        Assert.DoesNotContain(stranger.NodeName, topology.Gateway.Output, StringComparison.Ordinal);
    }
}
