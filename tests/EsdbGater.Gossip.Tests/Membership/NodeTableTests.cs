using System.Net;
using EsdbGater.Discovery.Gossip;
using EsdbGater.Discovery.Gossip.Heartbeats;
using EsdbGater.Gossip.Tests.Support;
using EsdbGater.Plugins.Discovery;
using Microsoft.Extensions.Time.Testing;
using static EsdbGater.Gossip.Tests.Support.LibclusterHeartbeat;

namespace EsdbGater.Gossip.Tests.Membership;

/// <summary>Nodes come, stay while heard or connected, and go; the table stays bounded.</summary>
public sealed class NodeTableTests
{
    private static readonly TimeSpan ExpireAfter = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_new_node_is_published_in_a_new_snapshot()
    {
        await using var discovery = Create();

        discovery.Feed(Plain(NodeMap("a@127.0.0.1")));

        var snapshot = discovery.Current;
        Assert.Equal(1, snapshot.Version);
        var node = Assert.Single(snapshot.Nodes);
        Assert.Equal(new DiscoveredNode("a@127.0.0.1"), node);
        Assert.Equal(1, discovery.Statistics.HeartbeatsAccepted);
    }

    [Fact]
    public async Task Repeated_heartbeats_publish_nothing_new()
    {
        await using var discovery = Create();
        discovery.Feed(Plain(NodeMap("a@127.0.0.1")));
        var first = discovery.Current;

        for (var i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            discovery.Feed(Plain(NodeMap("a@127.0.0.1")));
        }

        Assert.Same(first, discovery.Current);
        Assert.Equal(11, discovery.Statistics.HeartbeatsAccepted);
    }

    [Fact]
    public async Task Snapshots_list_nodes_in_name_order_and_are_immutable()
    {
        await using var discovery = Create();
        discovery.Feed(Plain(NodeMap("c@127.0.0.1")));
        discovery.Feed(Plain(NodeMap("a@127.0.0.1")));
        var before = discovery.Current;

        discovery.Feed(Plain(NodeMap("b@127.0.0.1")));

        Assert.Equal(["a@127.0.0.1", "c@127.0.0.1"], before.Nodes.Select(n => n.NodeName));
        Assert.Equal(["a@127.0.0.1", "b@127.0.0.1", "c@127.0.0.1"], discovery.Current.Nodes.Select(n => n.NodeName));
        Assert.Throws<NotSupportedException>(() => ((IList<DiscoveredNode>)discovery.Current.Nodes).Add(new DiscoveredNode("x@y")));
    }

    [Fact]
    public async Task A_quiet_node_expires_after_ExpireAfter()
    {
        await using var discovery = await StartAsync();
        discovery.Feed(Plain(NodeMap("a@127.0.0.1")));

        _time.Advance(ExpireAfter - TimeSpan.FromSeconds(5));
        Assert.Single(discovery.Current.Nodes);

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(discovery.Current.Nodes);
    }

    [Fact]
    public async Task Heartbeats_keep_a_node_alive_past_ExpireAfter()
    {
        await using var discovery = await StartAsync();
        for (var i = 0; i < 10; i++)
        {
            discovery.Feed(Plain(NodeMap("a@127.0.0.1")));
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Single(discovery.Current.Nodes);
    }

    [Fact]
    public async Task A_connected_node_stays_while_connected_even_without_heartbeats()
    {
        await using var discovery = await StartAsync();
        discovery.Feed(Plain(NodeMap("a@127.0.0.1")));
        discovery.ReportConnectionState("a@127.0.0.1", NodeConnectionState.Connected);

        _time.Advance(ExpireAfter * 4);

        Assert.Single(discovery.Current.Nodes);
    }

    [Fact]
    public async Task A_disconnected_node_that_stopped_heartbeating_is_dropped_at_once()
    {
        await using var discovery = await StartAsync();
        discovery.Feed(Plain(NodeMap("a@127.0.0.1")));
        discovery.ReportConnectionState("a@127.0.0.1", NodeConnectionState.Connected);
        _time.Advance(ExpireAfter * 2);
        var versionBefore = discovery.Current.Version;

        discovery.ReportConnectionState("a@127.0.0.1", NodeConnectionState.Disconnected);

        Assert.Empty(discovery.Current.Nodes);
        Assert.Equal(versionBefore + 1, discovery.Current.Version);
    }

    [Fact]
    public async Task A_disconnected_node_that_still_heartbeats_stays_until_it_goes_quiet()
    {
        await using var discovery = await StartAsync();
        discovery.Feed(Plain(NodeMap("a@127.0.0.1")));
        discovery.ReportConnectionState("a@127.0.0.1", NodeConnectionState.Connected);
        discovery.ReportConnectionState("a@127.0.0.1", NodeConnectionState.Disconnected);

        _time.Advance(ExpireAfter / 2);
        discovery.Feed(Plain(NodeMap("a@127.0.0.1")));
        _time.Advance(ExpireAfter / 2);
        Assert.Single(discovery.Current.Nodes);

        _time.Advance(ExpireAfter);
        Assert.Empty(discovery.Current.Nodes);
    }

    [Fact]
    public async Task When_full_new_names_are_ignored_and_counted()
    {
        await using var discovery = await StartAsync(TestGossip.LoopbackOptions with { MaxNodes = 3, ExpireAfter = ExpireAfter });
        for (var i = 0; i < 10; i++)
        {
            discovery.Feed(Plain(NodeMap($"n{i}@127.0.0.1")));
        }

        Assert.Equal(["n0@127.0.0.1", "n1@127.0.0.1", "n2@127.0.0.1"], discovery.Current.Nodes.Select(n => n.NodeName));
        Assert.Equal(7, discovery.Statistics.Ignored(IgnoreReason.TableFull));

        // Known names still refresh while the table is full.
        discovery.Feed(Plain(NodeMap("n0@127.0.0.1")));
        Assert.Equal(7, discovery.Statistics.Ignored(IgnoreReason.TableFull));
    }

    [Fact]
    public async Task A_full_table_makes_room_once_old_names_go_quiet()
    {
        // Not started: no housekeeping timer, so only the sweep a full table does makes room.
        await using var discovery = Create(TestGossip.LoopbackOptions with { MaxNodes = 2, ExpireAfter = ExpireAfter });
        discovery.Feed(Plain(NodeMap("old1@127.0.0.1")));
        discovery.Feed(Plain(NodeMap("old2@127.0.0.1")));
        _time.Advance(ExpireAfter - TimeSpan.FromSeconds(1));
        discovery.Feed(Plain(NodeMap("old2@127.0.0.1")));

        // old1 is quiet now, so the new name takes its place.
        _time.Advance(TimeSpan.FromSeconds(1));
        discovery.Feed(Plain(NodeMap("new@127.0.0.1")));

        Assert.Equal(["new@127.0.0.1", "old2@127.0.0.1"], discovery.Current.Nodes.Select(n => n.NodeName));
        Assert.Equal(0, discovery.Statistics.Ignored(IgnoreReason.TableFull));
    }

    [Fact]
    public async Task Our_own_node_name_is_ignored()
    {
        await using var discovery = Create(TestGossip.LoopbackOptions with { OwnNodeName = "gater@127.0.0.1" });

        discovery.Feed(Plain(NodeMap("gater@127.0.0.1")));

        Assert.Empty(discovery.Current.Nodes);
        Assert.Equal(1, discovery.Statistics.Ignored(IgnoreReason.OwnNode));
    }

    [Fact]
    public async Task A_host_part_that_does_not_resolve_is_replaced_by_the_source_address()
    {
        await using var discovery = Create();
        var source = IPAddress.Parse("127.0.0.42");

        discovery.Feed(Plain(NodeMap("a@ghost.unresolvable")), source);

        var snapshot = await discovery.WaitForNodeAsync("a@ghost.unresolvable");
        Assert.Equal("127.0.0.42", Assert.Single(snapshot.Nodes).EpmdHost);
    }

    [Fact]
    public async Task A_resolvable_host_part_is_used_as_is()
    {
        await using var discovery = Create();

        discovery.Feed(Plain(NodeMap("a@host1")), IPAddress.Parse("127.0.0.42"));

        var snapshot = await discovery.WaitForNodeAsync("a@host1");
        Assert.Null(Assert.Single(snapshot.Nodes).EpmdHost);
    }

    [Fact]
    public async Task Host_resolution_is_asked_once_per_host_not_per_heartbeat()
    {
        var lookups = 0;
        await using var discovery = Create(resolver: (host, ct) =>
        {
            Interlocked.Increment(ref lookups);
            return Task.FromResult(false);
        });

        discovery.Feed(Plain(NodeMap("a@shared-host")));
        await discovery.WaitForNodeAsync("a@shared-host");
        for (var i = 0; i < 50; i++)
        {
            discovery.Feed(Plain(NodeMap("a@shared-host")));
            discovery.Feed(Plain(NodeMap("b@shared-host")));
        }

        await discovery.WaitForNodeAsync("b@shared-host");
        Assert.Equal(1, Volatile.Read(ref lookups));
    }

    [Fact]
    public async Task A_node_is_reported_only_once_its_host_check_is_done()
    {
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var discovery = Create(resolver: (host, ct) => answer.Task);

        discovery.Feed(Plain(NodeMap("a@slow-dns")), IPAddress.Parse("127.0.0.7"));
        discovery.Feed(Plain(NodeMap("a@slow-dns")), IPAddress.Parse("127.0.0.7"));
        Assert.Empty(discovery.Current.Nodes);

        answer.SetResult(false);

        var snapshot = await discovery.WaitForNodeAsync("a@slow-dns");
        Assert.Equal("127.0.0.7", Assert.Single(snapshot.Nodes).EpmdHost);
        Assert.Equal(1, snapshot.Version);
    }

    [Fact]
    public async Task A_new_source_address_is_reported_when_it_stands_in_for_the_host()
    {
        await using var discovery = Create();
        discovery.Feed(Plain(NodeMap("a@ghost.unresolvable")), IPAddress.Parse("127.0.0.2"));
        await discovery.WaitForNodeAsync("a@ghost.unresolvable");

        discovery.Feed(Plain(NodeMap("a@ghost.unresolvable")), IPAddress.Parse("127.0.0.3"));

        Assert.Equal("127.0.0.3", Assert.Single(discovery.Current.Nodes).EpmdHost);
    }

    private GossipDiscovery Create(EsdbGater.Discovery.Gossip.Configuration.GossipOptions? options = null, EsdbGater.Discovery.Gossip.Resolution.HostResolver? resolver = null) =>
        TestGossip.Create(options ?? TestGossip.LoopbackOptions with { ExpireAfter = ExpireAfter }, time: _time, resolver: resolver);

    /// <summary>Started, so the housekeeping timer runs on the fake clock.</summary>
    private async Task<GossipDiscovery> StartAsync(EsdbGater.Discovery.Gossip.Configuration.GossipOptions? options = null)
    {
        var discovery = Create(options);
        await discovery.StartAsync(CancellationToken.None);
        return discovery;
    }
}
