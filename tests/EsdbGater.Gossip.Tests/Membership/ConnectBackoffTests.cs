using EsdbGater.Gossip.Tests.Support;
using EsdbGater.Plugins.Discovery;
using Microsoft.Extensions.Time.Testing;
using static EsdbGater.Gossip.Tests.Support.LibclusterHeartbeat;

namespace EsdbGater.Gossip.Tests.Membership;

/// <summary>The host's connection feedback turns into back-off advice, so a node with another cookie is not hammered.</summary>
public sealed class ConnectBackoffTests
{
    private const string Node = "a@127.0.0.1";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Each_failure_publishes_the_new_advice()
    {
        await using var discovery = TestGossip.Create(time: _time);
        discovery.Feed(Plain(NodeMap(Node)));
        var version = discovery.Current.Version;

        discovery.ReportConnectionState(Node, NodeConnectionState.ConnectFailed);

        Assert.Equal(version + 1, discovery.Current.Version);
    }

    [Fact]
    public async Task A_successful_connect_clears_the_back_off()
    {
        await using var discovery = TestGossip.Create(time: _time);
        discovery.Feed(Plain(NodeMap(Node)));
        discovery.ReportConnectionState(Node, NodeConnectionState.ConnectFailed);
        discovery.ReportConnectionState(Node, NodeConnectionState.ConnectFailed);

        discovery.ReportConnectionState(Node, NodeConnectionState.Connected);
        Assert.Null(Assert.Single(discovery.Current.Nodes).ConnectNotBefore);

        discovery.ReportConnectionState(Node, NodeConnectionState.Disconnected);
        discovery.ReportConnectionState(Node, NodeConnectionState.ConnectFailed);
        Assert.Equal(TimeSpan.FromSeconds(1), Assert.Single(discovery.Current.Nodes).ConnectNotBefore - _time.GetUtcNow());
    }

    [Fact]
    public async Task Heartbeats_do_not_reset_the_back_off()
    {
        await using var discovery = TestGossip.Create(time: _time);
        discovery.Feed(Plain(NodeMap(Node)));
        discovery.ReportConnectionState(Node, NodeConnectionState.ConnectFailed);
        var advice = Assert.Single(discovery.Current.Nodes).ConnectNotBefore;

        discovery.Feed(Plain(NodeMap(Node)));

        Assert.Equal(advice, Assert.Single(discovery.Current.Nodes).ConnectNotBefore);
    }

    [Fact]
    public async Task Back_off_settings_are_honoured()
    {
        var options = TestGossip.LoopbackOptions with { ConnectBackoffInitial = TimeSpan.FromMilliseconds(250), ConnectBackoffMax = TimeSpan.FromSeconds(1) };
        await using var discovery = TestGossip.Create(options, time: _time);
        discovery.Feed(Plain(NodeMap(Node)));

        var advised = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            discovery.ReportConnectionState(Node, NodeConnectionState.ConnectFailed);
            advised.Add((Assert.Single(discovery.Current.Nodes).ConnectNotBefore!.Value - _time.GetUtcNow()).TotalMilliseconds);
        }

        Assert.Equal([250, 500, 1000, 1000], advised);
    }

    [Fact]
    public async Task Feedback_about_unknown_nodes_changes_nothing()
    {
        await using var discovery = TestGossip.Create(time: _time);

        discovery.ReportConnectionState("stranger@127.0.0.1", NodeConnectionState.ConnectFailed);
        discovery.ReportConnectionState("stranger@127.0.0.1", NodeConnectionState.Connected);

        Assert.Same(DiscoverySnapshot.Empty, discovery.Current);
    }
}
