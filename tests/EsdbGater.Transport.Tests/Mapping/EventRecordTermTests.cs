using EsdbGater.Contracts;
using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tcp.Mapping;
using EsdbGater.Transport.Tests.Support;
using static EsdbGater.Transport.Tests.Support.RecordTerms;

namespace EsdbGater.Transport.Tests.Mapping;

public sealed class EventRecordTermTests
{
    [Fact]
    public void A_record_as_exesdb_stores_it_reads_completely()
    {
        var recorded = EventRecordTerm.Parse(EventRecord(number: 3), "get_events");

        Assert.Equal("greenhouse1", recorded.StreamId);
        Assert.Equal(3, recorded.EventNumber);
        Assert.Equal("0198a1b2-0000-7000-8000-000000000001", recorded.EventId);
        Assert.Equal("temperature_measured:v1", recorded.EventType);
        Assert.Equal("""{"temperature":21}""", Json.Text(recorded.Data));
        Assert.Equal("""{"causation_id":"c-1","correlation_id":"k-1"}""", Json.Text(recorded.Metadata!.Value));
        Assert.Equal(ContentTypes.Json, recorded.ContentType);
        Assert.Equal(new DateTimeOffset(2025, 10, 16, 7, 17, 9, TimeSpan.Zero).AddTicks(1234560), recorded.Created);
    }

    [Fact]
    public void Unknown_extra_keys_are_ignored()
    {
        var recorded = EventRecordTerm.Parse(EventRecord(extra: [(A("shard"), 5), ("binary_key", A("x"))]), "get_events");

        Assert.Equal("greenhouse1", recorded.StreamId);
    }

    [Fact]
    public void Created_falls_back_to_the_microsecond_epoch()
    {
        var recorded = EventRecordTerm.Parse(EventRecord(created: ErlAtom.Nil), "get_events");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(CreatedEpochMicroseconds / 1000).AddTicks(4560), recorded.Created);
    }

    [Fact]
    public void Nil_metadata_is_null()
    {
        Assert.Null(EventRecordTerm.Parse(EventRecord(metadata: ErlAtom.Nil), "get_events").Metadata);
    }

    [Fact]
    public void Json_text_written_by_the_gateway_reads_back_as_json()
    {
        var recorded = EventRecordTerm.Parse(EventRecord(data: "[1,2]", dataContentType: 1), "get_events");

        Assert.Equal("[1,2]", Json.Text(recorded.Data));
    }

    [Fact]
    public void A_binary_under_the_json_code_that_is_not_json_is_a_string()
    {
        var recorded = EventRecordTerm.Parse(EventRecord(data: "hello world", dataContentType: 1), "get_events");

        Assert.Equal("hello world", recorded.Data.GetString());
    }

    [Fact]
    public void Raw_bytes_read_back_as_base64_octet_stream()
    {
        var recorded = EventRecordTerm.Parse(EventRecord(data: new ErlBinary(new byte[] { 0, 1, 2, 255 }), dataContentType: 2), "get_events");

        Assert.Equal(ContentTypes.OctetStream, recorded.ContentType);
        Assert.Equal("AAEC/w==", recorded.Data.GetString());
    }

    [Fact]
    public void Terms_written_by_elixir_clients_read_as_json()
    {
        var data = ErlMap.Of(
            (A("reading"), ErlTuple.Of(A("celsius"), 21.5)),
            (A("sensor"), ErlList.FromString("s1")),
            (A("at"), CreatedDateTime()),
            (A("owner"), Pid()));

        var recorded = EventRecordTerm.Parse(EventRecord(data: data, dataContentType: 0, eventId: A("some_atom_id")), "get_events");

        Assert.Equal(
            $$"""{"reading":["celsius",21.5],"sensor":[115,49],"at":"2025-10-16T07:17:09.123456Z","owner":"{{Pid()}}"}""",
            Json.Text(recorded.Data));
        Assert.Equal("some_atom_id", recorded.EventId);
        Assert.Equal(ContentTypes.Json, recorded.ContentType);
    }

    [Theory]
    [MemberData(nameof(NotRecords))]
    public void Terms_that_are_not_records_are_unexpected_replies(ErlangTerm term)
    {
        var e = Assert.Throws<ExesdbCallException>(() => EventRecordTerm.Parse(term, "get_events"));

        Assert.Equal(ExesdbCallFailure.UnexpectedReply, e.Failure);
        Assert.Contains("get_events", e.Message);
    }

    public static TheoryData<ErlangTerm> NotRecords() => new()
    {
        A("undefined"),
        ErlMap.Of((A("event_number"), 1)),
        ErlMap.Of((A("event_stream_id"), "s"), (A("event_number"), "one")),
    };
}
