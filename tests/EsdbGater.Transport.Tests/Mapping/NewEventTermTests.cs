using EsdbGater.Contracts;
using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tcp.Mapping;
using EsdbGater.Transport.Tests.Support;
using static EsdbGater.Transport.Tests.Support.RecordTerms;

namespace EsdbGater.Transport.Tests.Mapping;

public sealed class NewEventTermTests
{
    private static readonly Guid Id = Guid.Parse("0198a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

    [Fact]
    public void A_json_event_is_the_NewEvent_struct_with_all_six_fields()
    {
        var data = new EventData(Id, "temperature_measured:v1", Json.Parse("""{"temperature":21}"""), Json.Parse("""{"correlation_id":"k-1"}"""));

        var term = NewEventTerm.From(data, 0);

        var expected = ErlMap.Of(
            (Struct, A("Elixir.ExESDB.Schema.NewEvent")),
            (A("event_id"), "0198a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"),
            (A("event_type"), "temperature_measured:v1"),
            (A("data_content_type"), 1),
            (A("metadata_content_type"), 1),
            (A("data"), ErlMap.Of(("temperature", 21))),
            (A("metadata"), ErlMap.Of(("correlation_id", "k-1"))));
        Assert.Equal(expected, term);
    }

    [Fact]
    public void Missing_metadata_is_nil()
    {
        var term = NewEventTerm.From(new EventData(Id, "t", Json.Parse("{}")), 0);

        Assert.Equal(ErlAtom.Nil, term[A("metadata")]);
        Assert.Equal(7, term.Count);
    }

    [Fact]
    public void Octet_stream_data_is_the_decoded_bytes_with_content_type_2()
    {
        var data = new EventData(Id, "blob", Json.Parse("\"AAEC/w==\""), ContentType: ContentTypes.OctetStream);

        var term = NewEventTerm.From(data, 0);

        Assert.Equal(new ErlBinary(new byte[] { 0, 1, 2, 255 }), term[A("data")]);
        Assert.Equal(ErlInteger.Of(2), term[A("data_content_type")]);
    }

    [Theory]
    [InlineData("\"not base64!\"")]
    [InlineData("{\"a\":1}")]
    public void Octet_stream_data_must_be_a_base64_string(string json)
    {
        var data = new EventData(Id, "blob", Json.Parse(json), ContentType: ContentTypes.OctetStream);

        var e = Assert.Throws<ExesdbCallException>(() => NewEventTerm.From(data, 4));

        Assert.Equal(ExesdbCallFailure.InvalidArgument, e.Failure);
        Assert.Contains("Event 4", e.Message);
    }

    [Fact]
    public void An_empty_id_gets_a_fresh_uuid_v7()
    {
        var term = NewEventTerm.From(new EventData(Guid.Empty, "t", Json.Parse("{}")), 0);

        var id = Guid.Parse(((ErlBinary)term[A("event_id")]!).TryGetUtf8(out var text) ? text : "");
        Assert.Equal(7, id.Version);
    }

    [Theory]
    [InlineData("", "application/json")]
    [InlineData("t", "text/plain")]
    public void Events_the_store_would_choke_on_are_refused(string type, string contentType)
    {
        var e = Assert.Throws<ExesdbCallException>(() => NewEventTerm.From(new EventData(Id, type, Json.Parse("{}"), ContentType: contentType), 2));

        Assert.Equal(ExesdbCallFailure.InvalidArgument, e.Failure);
    }

    [Fact]
    public void The_events_list_keeps_the_order()
    {
        var list = NewEventTerm.ListFrom([new EventData(Id, "first", Json.Parse("{}")), new EventData(Id, "second", Json.Parse("{}"))]);

        Assert.Equal(["first", "second"], list.Elements.Select(e => TermText.Of(((ErlMap)e)[A("event_type")])).ToArray());
        Assert.Same(ErlList.Empty, NewEventTerm.ListFrom([]));
    }
}
