using EsdbGater.Contracts;
using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tcp.Operations;
using EsdbGater.Transport.Tests.Support;
using static EsdbGater.Transport.Tests.Support.RecordTerms;

namespace EsdbGater.Transport.Tests.Operations;

/// <summary>Replies of every shape contract §2, §4 and §5 (and Appendix A) name.</summary>
public sealed class ReplyParsingTests
{
    [Fact]
    public void Version() => Assert.Equal(-1, StreamProtocol.ParseVersion(Ok(-1)));

    [Fact]
    public void Append_success_is_the_last_event_number() =>
        Assert.Equal(new AppendSucceeded(2), StreamProtocol.ParseAppend(Ok(2)));

    [Fact]
    public void Append_conflict_carries_the_current_version() =>
        Assert.Equal(new AppendConflict(2), StreamProtocol.ParseAppend(Error(ErlTuple.Of(A("wrong_expected_version"), 2))));

    [Fact]
    public void The_bare_race_error_is_a_conflict_without_version() =>
        Assert.Equal(new AppendConflict(null), StreamProtocol.ParseAppend(Error(A("wrong_expected_version"))));

    [Theory]
    [MemberData(nameof(OddAppendReplies))]
    public void Other_append_replies_are_unexpected(ErlangTerm reply)
    {
        var e = Assert.Throws<ExesdbCallException>(() => StreamProtocol.ParseAppend(reply));

        Assert.Equal(ExesdbCallFailure.UnexpectedReply, e.Failure);
        Assert.Contains("append_events", e.Message);
    }

    public static TheoryData<ErlangTerm> OddAppendReplies() => new()
    {
        A("ok"),
        Error(A("system_limit")),
        Ok("two"),
    };

    [Fact]
    public void Events_in_the_order_exesdb_returned_them()
    {
        var events = StreamProtocol.ParseEvents(Ok(ErlList.Of(EventRecord(number: 2), EventRecord(number: 1))));

        Assert.Equal([2L, 1L], events.Select(e => e.EventNumber).ToArray());
    }

    [Fact]
    public void An_unknown_stream_reads_as_no_events() => Assert.Empty(StreamProtocol.ParseEvents(Ok(ErlList.Empty)));

    [Fact]
    public void A_read_exesdb_refuses_names_its_reason()
    {
        var e = Assert.Throws<ExesdbCallException>(() => StreamProtocol.ParseEvents(Error(A("invalid_start_version"))));

        Assert.Equal(ExesdbCallFailure.UnexpectedReply, e.Failure);
        Assert.Contains("invalid_start_version", e.Message);
    }

    [Fact]
    public void Streams() => Assert.Equal(["a", "b"], StreamProtocol.ParseStreams(Ok(ErlList.Of("a", "b"))));

    [Fact]
    public void Stores_as_the_live_node_reports_them()
    {
        var config = ErlMap.Of(
            (A("store_id"), A("reg_gh")), (A("data_dir"), "/data"), (A("timeout"), 2000), (A("db_type"), A("single")),
            (A("pub_sub"), ErlAtom.Nil), (A("reader_idle_ms"), ErlAtom.Nil), (A("writer_idle_ms"), ErlAtom.Nil),
            (A("store_description"), "undefined!"), (A("created_at"), CreatedDateTime()), (A("version"), 1),
            (A("status"), A("active")), (A("priority"), A("normal")), (A("auto_start"), ErlAtom.True),
            (A("tags"), ErlList.Of("eu")), (A("environment"), ErlAtom.Nil));
        var reply = Ok(ErlList.Of(ErlMap.Of((A("store"), config), (A("node"), A("exesdb1@vm")))));

        var store = Assert.Single(StoreProtocol.ParseListStores(reply));

        Assert.Equal("reg_gh", store.StoreId);
        Assert.Equal("exesdb1@vm", store.Node);
        Assert.Equal("single", store.DbType);
        Assert.Equal("active", store.Status);
        Assert.Equal("undefined!", store.Description);
        Assert.Equal(["eu"], store.Tags);
    }

    [Fact]
    public void Subscriptions_are_a_map_keyed_by_khepri_paths()
    {
        var allEvents = ErlMap.Of(
            (A("selector"), "$all"), (A("type"), A("by_stream")), (A("subscription_name"), "all-events"),
            (A("start_from"), 0), (A("subscriber"), ErlAtom.Nil));
        var byPayload = ErlMap.Of(
            (A("selector"), ErlMap.Of(("region", "eu"))), (A("type"), A("by_event_payload")), (A("subscription_name"), "eu"),
            (A("start_from"), 3), (A("subscriber"), Pid()));
        var reply = Ok(ErlMap.Of(
            (ErlList.Of(A("subscriptions"), "44668505"), allEvents),
            (ErlList.Of(A("subscriptions"), "1"), byPayload),
            (ErlList.Of(A("subscriptions"), "2"), ErlMap.Of((A("type"), A("by_magic"))))));

        var subscriptions = SubscriptionProtocol.ParseGetSubscriptions(reply);

        Assert.Equal(
            [
                new ExesdbSubscription(SubscriptionType.ByStream, "$all", "all-events"),
                new ExesdbSubscription(SubscriptionType.ByEventPayload, """{"region":"eu"}""", "eu", 3, Pid().ToString()),
            ],
            subscriptions);
    }

    [Fact]
    public void Subscriptions_after_a_khepri_error_are_an_empty_list() =>
        Assert.Empty(SubscriptionProtocol.ParseGetSubscriptions(Ok(ErlList.Empty)));

    [Fact]
    public void A_snapshot_record_reads_back()
    {
        var key = new SnapshotKey("acc-1", "account-acc-1", 7);
        var record = ErlMap.Of(
            (Struct, A("Elixir.ExESDB.Schema.SnapshotRecord")),
            (A("source_uuid"), "acc-1"), (A("source_version"), 7), (A("source_type"), "account"),
            (A("data"), ErlMap.Of((A("balance"), 10))), (A("metadata"), ErlMap.Of(("by", "test"))),
            (A("created_at"), CreatedDateTime()), (A("created_epoch"), 1760599029123));

        var snapshot = SnapshotProtocol.ParseRead(Ok(record), key)!;

        Assert.Equal(key, snapshot.Key);
        Assert.Equal("account", snapshot.SnapshotType);
        Assert.Equal("""{"balance":10}""", Json.Text(snapshot.Data));
        Assert.Equal("""{"by":"test"}""", Json.Text(snapshot.Metadata!.Value));
        Assert.Equal(new DateTimeOffset(2025, 10, 16, 7, 17, 9, TimeSpan.Zero).AddTicks(1234560), snapshot.Created);
    }

    [Fact]
    public void A_missing_snapshot_is_null_in_both_of_exesdb_forms()
    {
        var key = new SnapshotKey("a", "b", 1);
        var khepri = Error(ErlTuple.Of(A("khepri"), A("node_not_found"),
            ErlMap.Of((A("node_name"), "a"), (A("node_path"), ErlList.Of(A("snapshots"), "a")), (A("node_is_target"), ErlAtom.False))));

        Assert.Null(SnapshotProtocol.ParseRead(khepri, key));
        Assert.Null(SnapshotProtocol.ParseRead(Error(A("not_found")), key));
    }

    [Fact]
    public void Any_stored_term_reads_as_snapshot_data() =>
        Assert.Equal("""[1,2]""", Json.Text(SnapshotProtocol.ParseRead(Ok(ErlList.Of(1, 2)), new SnapshotKey("a", "b", 1))!.Data));

    [Fact]
    public void Snapshot_lists_are_ordered_and_filtered_by_stream()
    {
        ErlList Path(string src, string stream, string padded) => ErlList.Of(A("snapshots"), src, stream, padded);
        var record = ErlMap.Of((Struct, A("Elixir.ExESDB.Schema.SnapshotRecord")), (A("source_type"), "t"), (A("data"), ErlMap.Empty), (A("metadata"), ErlAtom.Nil));
        var reply = Ok(ErlMap.Of(
            (Path("s1", "x", "0000000010"), record),
            (Path("s1", "x", "0000000002"), record),
            (Path("s1", "y", "0000000001"), record)));

        var all = SnapshotProtocol.ParseList(reply, streamUuid: null);
        var onlyX = SnapshotProtocol.ParseList(reply, streamUuid: "x");

        Assert.Equal([("x", 2L), ("x", 10L), ("y", 1L)], all.Select(s => (s.Key.StreamUuid, s.Key.Version)).ToArray());
        Assert.Equal([2L, 10L], onlyX.Select(s => s.Key.Version).ToArray());
        Assert.Empty(SnapshotProtocol.ParseList(Ok(ErlMap.Empty), null));
    }

    [Theory]
    [MemberData(nameof(PoolReplies))]
    public void Emitter_pool_start_results(ErlangTerm reply, bool started) => Assert.Equal(started, EmitterPoolReply.IsStarted(reply));

    public static TheoryData<ErlangTerm, bool> PoolReplies() => new()
    {
        { Ok(Pid()), true },
        { Error(ErlTuple.Of(A("already_started"), Pid())), true },
        { Error(A("max_children")), false },
        { ErlTuple.Of(A("badrpc"), A("nodedown")), false },
    };

    [Fact]
    public void Quoted_replies_are_truncated()
    {
        var huge = ErlList.Of(Enumerable.Range(0, 5000).Select(i => (ErlangTerm)i).ToArray());

        var e = Assert.Throws<ExesdbCallException>(() => StreamProtocol.ParseVersion(huge));

        Assert.True(e.Message.Length < 500, e.Message);
    }
}
