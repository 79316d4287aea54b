using EsdbGater.Contracts;
using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tests.Support;

namespace EsdbGater.Transport.Tests.Integration;

/// <summary>Every gateway-worker operation against a development node, with Appendix A's answers.</summary>
public abstract class GatewayOperationsTests<TNode>(TNode dev) : IClassFixture<TNode>
    where TNode : DevNodeConnection
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly CancellationToken None = CancellationToken.None;

    private IExesdbNode Node => dev.Exesdb;

    private GatewayWorkerRef Worker => dev.Worker;

    private static string NewStream(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    private static EventData Event(string type, string json, string? metadata = null) =>
        new(Guid.CreateVersion7(), type, Json.Parse(json), metadata is null ? null : Json.Parse(metadata));

    [Fact]
    public async Task Workers_come_from_swarm_and_the_partition_supervisor_alike()
    {
        var both = await Node.ListGatewayWorkersAsync([DevNodeConnection.Store, "no_such_store"], Timeout, None);
        var swarmNamed = await Node.ListGatewayWorkersAsync([], Timeout, None);

        Assert.NotEmpty(both);
        Assert.All(both, w => Assert.Equal((DevNodeConnection.Store, dev.NodeName), (w.Store, w.NodeName)));
        Assert.Equal(both, swarmNamed);
        Assert.Equal(both.Count, both.Select(w => w.Id).Distinct().Count());

        // Each source alone, read on the node itself, lists the same processes.
        var swarm = (ErlList)await dev.RpcAsync("Elixir.Swarm", "registered");
        var children = (ErlList)await dev.RpcAsync("supervisor", "which_children", ErlAtom.Of("exesdb_gatewayworkers_" + DevNodeConnection.Store));
        var swarmPids = swarm.Elements.Cast<ErlTuple>().Where(e => e[0] is ErlTuple { Arity: 4 } n && n[0] == ErlAtom.Of("gateway_worker")).Select(e => Id(e[1]));
        var childPids = children.Elements.Cast<ErlTuple>().Select(c => Id(c[1]));
        Assert.Equal(both.Select(w => w.Id).Order(), swarmPids.Order());
        Assert.Equal(both.Select(w => w.Id).Order(), childPids.Order());
    }

    private static string Id(ErlangTerm pid) =>
        pid is ErlPid p ? $"{p.Id}.{p.Serial}.{p.Creation}/{p.Node.Name}" : throw new InvalidOperationException($"{pid} is not a pid.");

    [Fact]
    public async Task An_unknown_stream_is_version_minus_one_and_reads_empty()
    {
        var stream = NewStream("nope");

        Assert.Equal(-1, await Node.GetVersionAsync(Worker, stream, Timeout, None));
        Assert.Empty(await Node.GetEventsAsync(Worker, stream, 0, 10, ReadDirection.Forward, Timeout, None));
    }

    [Fact]
    public async Task Appends_follow_exesdb_expected_version_rules()
    {
        var stream = NewStream("orders");
        var three = new[] { Event("a", "{}"), Event("b", "{}"), Event("c", "{}") };

        Assert.Equal(new AppendSucceeded(2), await Node.AppendEventsAsync(Worker, stream, ExpectedVersion.NoStream, three, Timeout, None));
        Assert.Equal(new AppendConflict(2), await Node.AppendEventsAsync(Worker, stream, ExpectedVersion.NoStream, three, Timeout, None));
        Assert.Equal(new AppendConflict(2), await Node.AppendEventsAsync(Worker, stream, ExpectedVersion.Exact(1), three, Timeout, None));
        Assert.Equal(new AppendSucceeded(2), await Node.AppendEventsAsync(Worker, stream, ExpectedVersion.Exact(2), [], Timeout, None));
        Assert.Equal(new AppendSucceeded(3), await Node.AppendEventsAsync(Worker, stream, ExpectedVersion.StreamExists, [Event("d", "{}")], Timeout, None));
        Assert.Equal(new AppendSucceeded(4), await Node.AppendEventsAsync(Worker, stream, ExpectedVersion.Any, [Event("e", "{}")], Timeout, None));
        Assert.Equal(new AppendConflict(-1), await Node.AppendEventsAsync(Worker, NewStream("fresh"), ExpectedVersion.StreamExists, three, Timeout, None));
        Assert.Equal(4, await Node.GetVersionAsync(Worker, stream, Timeout, None));
    }

    [Fact]
    public async Task Events_read_back_exactly_as_written()
    {
        var stream = NewStream("readings");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        EventData[] written =
        [
            Event("temperature_measured:v1", """{"temperature":21.5,"sensor":{"id":"s-1","tags":["a","b"]},"ok":true,"none":null,"big":123456789012345678901234567890}""", """{"correlation_id":"k-1"}"""),
            Event("note:v1", """[1,"two",3.0]"""),
            new(Guid.CreateVersion7(), "blob:v1", Json.Parse("\"AAEC/w==\""), null, ContentTypes.OctetStream),
        ];
        await Node.AppendEventsAsync(Worker, stream, ExpectedVersion.NoStream, written, Timeout, None);

        var read = await Node.GetEventsAsync(Worker, stream, 0, 10, ReadDirection.Forward, Timeout, None);

        Assert.Equal([0L, 1L, 2L], read.Select(e => e.EventNumber).ToArray());
        for (var i = 0; i < written.Length; i++)
        {
            Assert.Equal(stream, read[i].StreamId);
            Assert.Equal(written[i].EventId.ToString("D"), read[i].EventId);
            Assert.Equal(written[i].EventType, read[i].EventType);
            Assert.Equal(written[i].ContentType, read[i].ContentType);
            Assert.Equal(Json.Canonical(written[i].Data), Json.Canonical(read[i].Data));
            Assert.InRange(read[i].Created, before, DateTimeOffset.UtcNow.AddSeconds(5));
        }

        Assert.Equal("""{"correlation_id":"k-1"}""", Json.Text(read[0].Metadata!.Value));
        Assert.Null(read[1].Metadata);
        var backward = await Node.GetEventsAsync(Worker, stream, 2, 2, ReadDirection.Backward, Timeout, None);
        Assert.Equal([2L, 1L], backward.Select(e => e.EventNumber).ToArray());
    }

    [Fact]
    public async Task Streams_and_stores_are_listed()
    {
        var stream = NewStream("listed");
        await Node.AppendEventsAsync(Worker, stream, ExpectedVersion.Any, [Event("x", "{}")], Timeout, None);

        Assert.Contains(stream, await Node.GetStreamsAsync(Worker, Timeout, None));
        var store = Assert.Single(await Node.ListStoresAsync(Worker, Timeout, None), s => s.StoreId == DevNodeConnection.Store);
        Assert.Equal(dev.NodeName, store.Node);
    }

    [Fact]
    public async Task Subscriptions_are_saved_and_removed_by_casts()
    {
        var initial = await Node.GetSubscriptionsAsync(Worker, Timeout, None);
        Assert.Contains(new ExesdbSubscription(SubscriptionType.ByStream, "$all", "all-events"), initial);

        var byPayload = new ExesdbSubscription(SubscriptionType.ByEventPayload, """{"region":"eu"}""", NewStream("sub"), 4);
        await Node.SaveSubscriptionAsync(Worker, byPayload, None);
        await Eventually.ValueAsync(() => Node.GetSubscriptionsAsync(Worker, Timeout, None), s => s.Contains(byPayload), Timeout, "subscription saved");

        await Node.RemoveSubscriptionAsync(Worker, byPayload, None);
        await Eventually.ValueAsync(() => Node.GetSubscriptionsAsync(Worker, Timeout, None), s => !s.Any(x => x.Name == byPayload.Name), Timeout, "subscription removed");
    }

    [Fact]
    public async Task Snapshots_are_recorded_read_listed_and_deleted()
    {
        var source = NewStream("acc");
        var key = new SnapshotKey(source, "account-" + source, 7);
        Assert.Null(await Node.ReadSnapshotAsync(Worker, key, Timeout, None));
        Assert.Empty(await Node.ListSnapshotsAsync(Worker, source, null, Timeout, None));

        var created = new DateTimeOffset(2025, 10, 16, 7, 17, 9, TimeSpan.Zero).AddTicks(1234560);
        await Node.RecordSnapshotAsync(Worker, new Snapshot(key, "account", Json.Parse("""{"balance":10,"owners":["x"]}"""), Json.Parse("""{"v":1}"""), created), None);
        var read = await Eventually.ValueAsync(() => Node.ReadSnapshotAsync(Worker, key, Timeout, None), s => s is not null, Timeout, "snapshot recorded");

        Assert.Equal(key, read!.Key);
        Assert.Equal("account", read.SnapshotType);
        Assert.Equal("""{"balance":10,"owners":["x"]}""", Json.Canonical(read.Data));
        Assert.Equal("""{"v":1}""", Json.Text(read.Metadata!.Value));
        Assert.Equal(created, read.Created);
        Assert.Equal([key], (await Node.ListSnapshotsAsync(Worker, source, null, Timeout, None)).Select(s => s.Key).ToArray());
        Assert.Contains(key, (await Node.ListSnapshotsAsync(Worker, null, key.StreamUuid, Timeout, None)).Select(s => s.Key));

        await Node.DeleteSnapshotAsync(Worker, key, None);
        await Eventually.ValueAsync(() => Node.ReadSnapshotAsync(Worker, key, Timeout, None), s => s is null, Timeout, "snapshot deleted");
    }

    [Fact]
    public async Task A_dead_worker_fails_fast_as_no_process_and_its_replacement_is_listed()
    {
        var dead = Worker;
        var pid = await dev.RpcAsync("erlang", "list_to_pid", ErlList.FromString("<0." + dead.Id.Split('.')[0] + "." + dead.Id.Split('.')[1] + ">"));
        await dev.RpcAsync("erlang", "exit", pid, ErlAtom.Of("kill"));
        await Eventually.ValueAsync(() => dev.RpcAsync("erlang", "is_process_alive", pid), alive => alive == ErlAtom.False, Timeout, "the worker is dead");

        var e = await Assert.ThrowsAsync<ExesdbCallException>(() => Node.GetVersionAsync(dead, "s", Timeout, None));

        Assert.Equal(ExesdbCallFailure.NoProcess, e.Failure);
        await Eventually.ValueAsync(
            () => Node.ListGatewayWorkersAsync([DevNodeConnection.Store], Timeout, None),
            workers => workers.Count > 0 && workers.All(w => w.Id != dead.Id), TimeSpan.FromSeconds(10), "replacement worker listed");
        await dev.RefreshWorkerAsync();
        Assert.Equal(-1, await Node.GetVersionAsync(Worker, NewStream("after"), Timeout, None));
    }

    [Fact]
    public async Task Requests_exesdb_would_crash_on_never_leave_the_gateway()
    {
        var e = await Assert.ThrowsAsync<ExesdbCallException>(() => Node.GetEventsAsync(Worker, "s", 0, 1, (ReadDirection)9, Timeout, None));

        Assert.Equal(ExesdbCallFailure.InvalidArgument, e.Failure);
        Assert.Equal(-1, await Node.GetVersionAsync(Worker, NewStream("still"), Timeout, None));
    }

    [Fact]
    public async Task The_live_feed_delivers_new_events_on_the_all_topic()
    {
        await using var feed = await Node.JoinEventFeedAsync(None);
        Assert.Contains(new EmitterGroup(DevNodeConnection.Store, "$all"), feed.EmitterGroups);
        var stream = NewStream("live");
        var written = Event("live:v1", """{"n":1}""");

        await Node.AppendEventsAsync(Worker, stream, ExpectedVersion.NoStream, [written], Timeout, None);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var e in feed.ReadAllAsync(deadline.Token))
        {
            if (e.Event.StreamId != stream)
            {
                continue;
            }

            Assert.Equal($"{DevNodeConnection.Store}:$all", e.Topic);
            Assert.Equal(written.EventId.ToString("D"), e.Event.EventId);
            Assert.Equal("""{"n":1}""", Json.Text(e.Event.Data));
            return;
        }

        Assert.Fail("The event never arrived.");
    }
}

public sealed class Otp25GatewayOperationsTests(Otp25DevNode dev) : GatewayOperationsTests<Otp25DevNode>(dev);

public sealed class Otp27GatewayOperationsTests(Otp27DevNode dev) : GatewayOperationsTests<Otp27DevNode>(dev);
