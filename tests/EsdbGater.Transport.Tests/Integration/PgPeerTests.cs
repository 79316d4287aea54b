using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tests.Support;
using static EsdbGater.Transport.Tests.Support.RecordTerms;

namespace EsdbGater.Transport.Tests.Integration;

/// <summary>
/// The event feed as a pg peer of a real OTP <c>pg</c> scope: membership, broadcasts, emitter
/// groups, leave — and the scope never crashes (a crash would drop every membership it holds).
/// </summary>
public abstract class PgPeerTests<TNode>(TNode probe) : IClassFixture<TNode>
    where TNode : PgProbeNode
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_feed_member_receives_broadcasts_in_arrival_order()
    {
        var scope = await probe.ProbeAsync("scope");
        await using var feed = await probe.Exesdb.JoinEventFeedAsync(CancellationToken.None);

        var sent = await probe.ProbeAsync("broadcast", "reg_gh:$all", ErlList.Of(EventRecord(stream: "s1", number: 0), EventRecord(stream: "s1", number: 1)));
        await probe.ProbeAsync("broadcast", "reg_gh:$all", ErlList.Of(EventRecord(stream: "s2", number: 0)));

        Assert.Equal(ErlInteger.Of(1), sent);
        var received = await ReadAsync(feed, 3);
        Assert.Equal([("s1", 0L), ("s1", 1L), ("s2", 0L)], received.Select(e => (e.Event.StreamId, e.Event.EventNumber)).ToArray());
        Assert.All(received, e => Assert.Equal("reg_gh:$all", e.Topic));
        Assert.Equal(scope, await probe.ProbeAsync("scope"));
        Assert.DoesNotContain(probe.Logs.Lines, l => l.Contains("Cannot confirm pg membership", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Emitter_groups_of_the_node_are_visible_as_they_come_and_go()
    {
        await using var feed = await probe.Exesdb.JoinEventFeedAsync(CancellationToken.None);
        Assert.DoesNotContain(new EmitterGroup("reg_gh", "$orders"), feed.EmitterGroups);

        var emitter = await probe.ProbeAsync("start_emitter", A("reg_gh"), "$orders");
        await Eventually.StateAsync(() => feed.EmitterGroups, g => g.Contains(new EmitterGroup("reg_gh", "$orders")), Timeout, "emitter group joined");

        await probe.ProbeAsync("stop_emitter", emitter);
        await Eventually.StateAsync(() => feed.EmitterGroups, g => !g.Contains(new EmitterGroup("reg_gh", "$orders")), Timeout, "emitter group left");
    }

    [Fact]
    public async Task Emitter_groups_that_exist_before_joining_arrive_with_the_first_sync()
    {
        var emitter = await probe.ProbeAsync("start_emitter", A("reg_gh"), "$early");

        // A transport of its own, so that this join discovers the scope and the groups come with
        // its first sync. The shared transport may know the scope from an earlier test: it then
        // hears of the group by a separate join message, which nothing orders before its return.
        var transport = await probe.ConnectTransportAsync();
        var other = ErlAtom.Of(transport.Transport.LocalNodeName);
        try
        {
            await using var feed = await transport.Exesdb.JoinEventFeedAsync(CancellationToken.None);

            Assert.Contains(new EmitterGroup("reg_gh", "$early"), feed.EmitterGroups);
        }
        finally
        {
            await transport.DisposeAsync();
            await probe.ProbeAsync("stop_emitter", emitter);
        }

        // The scope as found: other tests count its members.
        await Eventually.ValueAsync(
            () => probe.ProbeAsync("members"), m => ((ErlList)m).Elements.All(p => ((ErlPid)p).Node != other), Timeout, "the other transport's member to leave");
    }

    [Fact]
    public async Task Two_feeds_are_two_members_each_listed_once_and_disposal_leaves()
    {
        var first = await probe.Exesdb.JoinEventFeedAsync(CancellationToken.None);
        var second = await probe.Exesdb.JoinEventFeedAsync(CancellationToken.None);

        var members = (ErlList)await probe.ProbeAsync("members");
        Assert.Equal(members.Count, members.Elements.Distinct().Count());
        await probe.ProbeAsync("broadcast", "reg_gh:$all", ErlList.Of(EventRecord(stream: "both")));
        Assert.Equal("both", (await ReadAsync(first, 1))[0].Event.StreamId);
        Assert.Equal("both", (await ReadAsync(second, 1))[0].Event.StreamId);

        await first.DisposeAsync();
        var after = await Eventually.ValueAsync(
            async () => ((ErlList)await probe.ProbeAsync("members")).Count, n => n == members.Count - 1, Timeout, "first member left");

        await probe.ProbeAsync("broadcast", "reg_gh:$all", ErlList.Of(EventRecord(stream: "second-only")));
        Assert.Equal("second-only", (await ReadAsync(second, 1))[0].Event.StreamId);
        await second.DisposeAsync();
        await Eventually.ValueAsync(async () => ((ErlList)await probe.ProbeAsync("members")).Count, n => n == after - 1, Timeout, "second member left");
        Assert.DoesNotContain(probe.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_node_without_swarm_or_the_store_lists_no_workers_and_no_error()
    {
        var workers = await probe.Exesdb.ListGatewayWorkersAsync(["reg_gh"], TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Empty(workers);
        Assert.True(probe.Exesdb.IsConnected);
    }

    private static async Task<List<FeedEvent>> ReadAsync(IEventFeed feed, int count)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        var events = new List<FeedEvent>();
        await foreach (var e in feed.ReadAllAsync(deadline.Token))
        {
            events.Add(e);
            if (events.Count == count)
            {
                break;
            }
        }

        return events;
    }
}

public sealed class Otp25PgPeerTests(Otp25PgProbeNode probe) : PgPeerTests<Otp25PgProbeNode>(probe);

public sealed class Otp27PgPeerTests(Otp27PgProbeNode probe) : PgPeerTests<Otp27PgProbeNode>(probe);
