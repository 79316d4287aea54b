using EsdbGater.Contracts;
using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tcp.Operations;
using EsdbGater.Transport.Tcp.Workers;
using EsdbGater.Transport.Tests.Support;
using static EsdbGater.Transport.Tests.Support.RecordTerms;

namespace EsdbGater.Transport.Tests.Operations;

/// <summary>Every request is exactly the tuple of contract §2.</summary>
public sealed class RequestShapeTests
{
    private static readonly ErlAtom Store = A("reg_gh");

    [Fact]
    public void Get_version() =>
        Assert.Equal(ErlTuple.Of(A("get_version"), Store, "orders-1"), StreamProtocol.GetVersion(Store, "orders-1"));

    [Fact]
    public void Append_with_any_is_request_2()
    {
        var events = ErlList.Of(ErlMap.Empty);

        Assert.Equal(ErlTuple.Of(A("append_events"), Store, "s", events), StreamProtocol.AppendEvents(Store, "s", ExpectedVersion.Any, events));
    }

    [Theory]
    [InlineData(-1L, -1L)]
    [InlineData(0L, 0L)]
    [InlineData(41L, 41L)]
    public void Append_with_a_number_is_request_3(long expected, long sent)
    {
        var request = StreamProtocol.AppendEvents(Store, "s", new ExpectedVersion(expected), ErlList.Empty);

        Assert.Equal(ErlTuple.Of(A("append_events"), Store, "s", sent, ErlList.Empty), request);
    }

    [Fact]
    public void Append_with_stream_exists_sends_the_atom() =>
        Assert.Equal(
            ErlTuple.Of(A("append_events"), Store, "s", A("stream_exists"), ErlList.Empty),
            StreamProtocol.AppendEvents(Store, "s", ExpectedVersion.StreamExists, ErlList.Empty));

    [Fact]
    public void An_expectation_exesdb_would_crash_on_is_never_sent()
    {
        var e = Assert.Throws<ExesdbCallException>(() => StreamProtocol.AppendEvents(Store, "s", new ExpectedVersion(-3), ErlList.Empty));

        Assert.Equal(ExesdbCallFailure.InvalidArgument, e.Failure);
    }

    [Fact]
    public void A_stream_id_too_long_for_exesdb_writer_atom_is_refused()
    {
        var limit = 255 - "streams_writer_worker_".Length - "reg_gh".Length - 1;

        Assert.NotNull(StreamProtocol.AppendEvents(Store, new string('s', limit), ExpectedVersion.Any, ErlList.Empty));
        var e = Assert.Throws<ExesdbCallException>(() => StreamProtocol.AppendEvents(Store, new string('s', limit + 1), ExpectedVersion.Any, ErlList.Empty));
        Assert.Equal(ExesdbCallFailure.InvalidArgument, e.Failure);
    }

    [Theory]
    [InlineData(ReadDirection.Forward, "forward")]
    [InlineData(ReadDirection.Backward, "backward")]
    public void Get_events(ReadDirection direction, string atom) =>
        Assert.Equal(
            ErlTuple.Of(A("get_events"), Store, "s", 2, 10, A(atom)),
            StreamProtocol.GetEvents(Store, "s", 2, 10, direction));

    [Theory]
    [InlineData(-1L, 1, 0)]
    [InlineData(0L, 0, 0)]
    [InlineData(0L, 1, 7)]
    public void Reads_exesdb_would_refuse_or_crash_on_are_never_sent(long start, int count, int direction)
    {
        var e = Assert.Throws<ExesdbCallException>(() => StreamProtocol.GetEvents(Store, "s", start, count, (ReadDirection)direction));

        Assert.Equal(ExesdbCallFailure.InvalidArgument, e.Failure);
    }

    [Fact]
    public void Get_streams() => Assert.Equal(ErlTuple.Of(A("get_streams"), Store), StreamProtocol.GetStreams(Store));

    [Fact]
    public void List_stores_is_a_one_tuple() => Assert.Equal(ErlTuple.Of(A("list_stores")), StoreProtocol.ListStores());

    [Fact]
    public void Get_subscriptions() => Assert.Equal(ErlTuple.Of(A("get_subscriptions"), Store), SubscriptionProtocol.GetSubscriptions(Store));

    [Fact]
    public void Save_subscription_always_has_a_nil_subscriber()
    {
        var subscription = new ExesdbSubscription(SubscriptionType.ByStream, "$all", "all-events", 5, Subscriber: "#Pid<x@y.1.2.3>");

        Assert.Equal(
            ErlTuple.Of(A("save_subscription"), Store, A("by_stream"), "$all", "all-events", 5, ErlAtom.Nil),
            SubscriptionProtocol.Save(Store, subscription));
    }

    [Fact]
    public void Remove_subscription() =>
        Assert.Equal(
            ErlTuple.Of(A("remove_subscription"), Store, A("by_event_type"), "order_placed:v1", "transient"),
            SubscriptionProtocol.Remove(Store, new ExesdbSubscription(SubscriptionType.ByEventType, "order_placed:v1", "transient")));

    [Fact]
    public void A_payload_selector_is_a_binary_keyed_map() =>
        Assert.Equal(
            ErlMap.Of(("region", "eu"), ("level", ErlMap.Of(("n", 3)))),
            SubscriptionProtocol.SelectorTerm(new ExesdbSubscription(SubscriptionType.ByEventPayload, """{"region":"eu","level":{"n":3}}""", "p")));

    [Fact]
    public void A_pattern_selector_uses_the_event_record_field_atoms_at_the_top_only() =>
        Assert.Equal(
            ErlMap.Of((A("event_type"), "x"), ("custom", 1), (A("data"), ErlMap.Of(("event_type", "nested")))),
            SubscriptionProtocol.SelectorTerm(new ExesdbSubscription(
                SubscriptionType.ByEventPattern, """{"event_type":"x","custom":1,"data":{"event_type":"nested"}}""", "p")));

    [Theory]
    [InlineData(SubscriptionType.ByEventPattern, "not json")]
    [InlineData(SubscriptionType.ByEventPayload, "[1,2]")]
    [InlineData(SubscriptionType.ByStream, "")]
    public void Selectors_that_cannot_be_expressed_are_refused(SubscriptionType type, string selector)
    {
        var e = Assert.Throws<ExesdbCallException>(() => SubscriptionProtocol.Save(Store, new ExesdbSubscription(type, selector, "n")));

        Assert.Equal(ExesdbCallFailure.InvalidArgument, e.Failure);
    }

    [Fact]
    public void Start_emitter_pool_arguments()
    {
        var args = SubscriptionProtocol.StartEmitterPoolArgs(Store, new ExesdbSubscription(SubscriptionType.ByStream, "$all", "all-events"));

        Assert.Equal(
            [Store, ErlMap.Of((A("type"), A("by_stream")), (A("subscription_name"), "all-events"), (A("selector"), "$all"), (A("subscriber"), ErlAtom.Nil), (A("start_from"), 0))],
            args);
    }

    [Fact]
    public void Record_snapshot_sends_a_SnapshotRecord_struct()
    {
        var created = new DateTimeOffset(2025, 10, 16, 7, 17, 9, TimeSpan.Zero).AddTicks(1234560);
        var snapshot = new Snapshot(new SnapshotKey("acc-1", "account-acc-1", 7), "account", Json.Parse("""{"balance":10}"""), null, created);

        var request = SnapshotProtocol.Record(Store, snapshot, DateTimeOffset.UnixEpoch);

        var record = ErlMap.Of(
            (Struct, A("Elixir.ExESDB.Schema.SnapshotRecord")),
            (A("source_uuid"), "acc-1"), (A("source_version"), 7), (A("source_type"), "account"),
            (A("data"), ErlMap.Of(("balance", 10))), (A("metadata"), ErlAtom.Nil),
            (A("created_at"), CreatedDateTime()), (A("created_epoch"), 1760599029123));
        Assert.Equal(ErlTuple.Of(A("record_snapshot"), Store, "acc-1", "account-acc-1", 7, record), request);
    }

    [Fact]
    public void Read_and_delete_snapshot()
    {
        var key = new SnapshotKey("acc-1", "account-acc-1", 7);

        Assert.Equal(ErlTuple.Of(A("read_snapshot"), Store, "acc-1", "account-acc-1", 7), SnapshotProtocol.Read(Store, key));
        Assert.Equal(ErlTuple.Of(A("delete_snapshot"), Store, "acc-1", "account-acc-1", 7), SnapshotProtocol.Delete(Store, key));
    }

    [Fact]
    public void A_negative_snapshot_version_crashes_exesdb_and_is_never_sent()
    {
        var e = Assert.Throws<ExesdbCallException>(() => SnapshotProtocol.Delete(Store, new SnapshotKey("a", "b", -1)));

        Assert.Equal(ExesdbCallFailure.InvalidArgument, e.Failure);
    }

    [Theory]
    [InlineData(null, null, "any", "any")]
    [InlineData("src", null, "src", "any")]
    [InlineData("src", "str", "src", "str")]
    [InlineData(null, "str", "any", "any")]
    public void List_snapshots_uses_any_only_where_exesdb_matches_it(string? source, string? stream, string sentSource, string sentStream)
    {
        ErlangTerm Term(string text) => text == "any" ? (ErlangTerm)A("any") : text;

        Assert.Equal(ErlTuple.Of(A("list_snapshots"), Store, Term(sentSource), Term(sentStream)), SnapshotProtocol.List(Store, source, stream));
    }

    [Fact]
    public void Which_children_is_a_bare_atom() => Assert.Equal(A("which_children"), WorkerRegistryProtocol.WhichChildren);
}
