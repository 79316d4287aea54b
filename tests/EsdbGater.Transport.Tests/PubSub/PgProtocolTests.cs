using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tcp.PubSub;
using static EsdbGater.Transport.Tests.Support.RecordTerms;

namespace EsdbGater.Transport.Tests.PubSub;

public sealed class PgProtocolTests
{
    private static readonly ErlPid Us = Pid("esdbgater_maint_1_abc@vm", 1, 0, 5);
    private static readonly ErlPid Member = Pid("esdbgater_maint_1_abc@vm", 2, 0, 5);
    private static readonly ErlPid Peer = Pid("exesdb1@vm", 50);
    private static readonly ErlAtom Group = A("Elixir.ex_esdb_events.Adapter");

    [Fact]
    public void Outgoing_messages_have_pg_exact_shapes()
    {
        Assert.Equal(ErlTuple.Of(A("discover"), Us), PgProtocol.DiscoverMessage(Us));
        Assert.Equal(
            ErlTuple.Of(A("$gen_cast"), ErlTuple.Of(A("sync"), Us, ErlList.Of(ErlTuple.Of(Group, ErlList.Of(Member))))),
            PgProtocol.SyncMessage(Us, Group, [Member]));
        Assert.Equal(ErlTuple.Of(A("$gen_cast"), ErlTuple.Of(A("sync"), Us, ErlList.Empty)), PgProtocol.SyncMessage(Us, Group, []));
        Assert.Equal(ErlTuple.Of(A("join"), Us, Group, Member), PgProtocol.JoinMessage(Us, Group, Member));
        Assert.Equal(ErlTuple.Of(A("leave"), Us, Member, ErlList.Of(Group)), PgProtocol.LeaveMessage(Us, Member, Group));
    }

    [Fact]
    public void Both_discover_forms_are_understood() // {discover, Pid, Vsn} is what OTP 28+ may send
    {
        Assert.Equal(new PgProtocol.DiscoverFrom(Peer), PgProtocol.Classify(ErlTuple.Of(A("discover"), Peer)));
        Assert.Equal(new PgProtocol.DiscoverFrom(Peer), PgProtocol.Classify(ErlTuple.Of(A("discover"), Peer, 1)));
    }

    [Fact]
    public void A_sync_lists_the_peer_groups()
    {
        var emitters = ErlTuple.Of(A("reg_gh"), "$all", A("emitters"));
        var message = ErlTuple.Of(A("$gen_cast"), ErlTuple.Of(A("sync"), Peer, ErlList.Of(
            ErlTuple.Of(Group, ErlList.Of(Pid(id: 60))),
            ErlTuple.Of(emitters, ErlList.Of(Pid(id: 61), Pid(id: 62))),
            ErlTuple.Of(94673298, ErlList.Of(Pid(id: 63))))));

        var sync = Assert.IsType<PgProtocol.SyncFrom>(PgProtocol.Classify(message));

        Assert.Equal(Peer, sync.Peer);
        Assert.Equal([Group, emitters, ErlInteger.Of(94673298)], sync.Groups.Select(g => g.Group).ToArray());
        Assert.Equal(2, sync.Groups[1].Pids.Length);
    }

    [Fact]
    public void Joins_and_leaves_with_one_pid_or_a_list()
    {
        var join = Assert.IsType<PgProtocol.JoinFrom>(PgProtocol.Classify(ErlTuple.Of(A("join"), Peer, Group, Pid(id: 70))));
        var leave = Assert.IsType<PgProtocol.LeaveFrom>(PgProtocol.Classify(ErlTuple.Of(A("leave"), Peer, ErlList.Of(Pid(id: 70), Pid(id: 71)), ErlList.Of(Group))));

        Assert.Equal([Pid(id: 70)], join.Pids.ToArray());
        Assert.Equal(2, leave.Pids.Length);
    }

    [Fact]
    public void Monitor_downs_and_strangers_are_classified()
    {
        var reference = new ErlRef(A("esdbgater_maint_1_abc@vm"), 5, [1u, 2u, 3u]);
        var down = ErlTuple.Of(A("DOWN"), reference, A("process"), ErlTuple.Of(A("Elixir.Phoenix.PubSub"), A("exesdb1@vm")), A("noproc"));

        Assert.Equal(new PgProtocol.MonitorDown(reference, A("noproc")), PgProtocol.Classify(down));
        Assert.IsType<PgProtocol.Unknown>(PgProtocol.Classify(ErlTuple.Of(A("sync"), Peer)));
    }

    [Fact]
    public void Peer_groups_track_emitter_pools_through_sync_join_and_leave()
    {
        var groups = new PeerGroups();
        var all = ErlTuple.Of(A("reg_gh"), "$all", A("emitters"));
        var orders = ErlTuple.Of(A("reg_gh"), "$orders", A("emitters"));

        groups.Sync([(Group, [Pid(id: 1)]), (all, [Pid(id: 2)])]);
        Assert.Equal([new EmitterGroup("reg_gh", "$all")], groups.EmitterGroups);

        groups.Join(orders, [Pid(id: 3)]);
        Assert.Equal([new EmitterGroup("reg_gh", "$all"), new EmitterGroup("reg_gh", "$orders")], groups.EmitterGroups);

        groups.Leave([Pid(id: 2)], [all]);
        Assert.Equal([new EmitterGroup("reg_gh", "$orders")], groups.EmitterGroups);

        groups.Sync([]);
        Assert.Empty(groups.EmitterGroups);
    }

    [Fact]
    public void A_pid_listed_twice_stays_until_left_twice()
    {
        var groups = new PeerGroups();
        var all = ErlTuple.Of(A("reg_gh"), "$all", A("emitters"));
        groups.Join(all, [Pid(id: 2)]);
        groups.Join(all, [Pid(id: 2)]);

        groups.Leave([Pid(id: 2)], [all]);

        Assert.Single(groups.EmitterGroups);
    }

    [Fact]
    public void The_adapter_group_follows_module_concat() 
    {
        Assert.Equal(A("Elixir.ex_esdb_events.Adapter"), PubSubGroup.ForPubSub("ex_esdb_events"));
        Assert.Equal(A("Elixir.MyApp.PubSub.Adapter"), PubSubGroup.ForPubSub("Elixir.MyApp.PubSub"));
    }

    [Fact]
    public void Forward_to_local_broadcasts_of_events_are_recognised()
    {
        var record = EventRecord();
        var message = ErlTuple.Of(A("forward_to_local"), "reg_gh:$all", ErlTuple.Of(A("events"), ErlList.Of(record)), A("Elixir.Phoenix.PubSub"));

        Assert.True(ForwardToLocal.TryParseEvents(message, out var topic, out var records));
        Assert.Equal("reg_gh:$all", topic);
        Assert.Equal([record], records.ToArray());
        Assert.False(ForwardToLocal.TryParseEvents(
            ErlTuple.Of(A("forward_to_local"), "reg_gh:health", ErlTuple.Of(A("health_summary"), ErlMap.Empty), A("Elixir.Phoenix.PubSub")), out _, out _));
    }
}
