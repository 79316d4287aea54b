using System.Text.Json;
using EsdbGater.Contracts;
using EsdbGater.Host.Api.Validation;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Pool;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Tests.Validation;

public sealed class RequestValidatorTests
{
    private static readonly JsonElement Json = JsonDocument.Parse("""{"a":1}""").RootElement.Clone();
    private readonly RequestLimitsOptions _limits = new() { MaxEventsPerAppend = 3, MaxEventBytes = 100, MaxAppendBytes = 150, MaxReadCount = 10, MaxEventTypeLength = 20, MaxSnapshotBytes = 50 };
    private readonly RequestValidator _validator;

    public RequestValidatorTests() => _validator = new RequestValidator(Options.Create(_limits), new Stores("reg_gh", "a"));

    [Fact]
    public void A_valid_append_passes() =>
        Assert.Null(_validator.Validate(Append("order-1", [Event()], ExpectedVersion.Exact(3))));

    [Theory]
    [InlineData(null, "a store name is required")]
    [InlineData("", "a store name is required")]
    [InlineData("Reg_GH", "only a-z, 0-9 and '_'")]
    [InlineData("reg-gh", "only a-z, 0-9 and '_'")]
    [InlineData("reg gh", "only a-z, 0-9 and '_'")]
    public void Store_names_must_be_atom_safe(string? store, string message)
    {
        var error = _validator.Validate(new GetVersion(store!, "s"));
        AssertInvalid(error, "Store", message);
    }

    [Fact]
    public void Store_names_have_a_length_limit()
    {
        var error = _validator.Validate(new GetStreams(new string('a', 101)));
        AssertInvalid(error, "Store", "at most 100");
    }

    [Fact]
    public void An_unknown_store_is_StoreNotFound()
    {
        var error = _validator.Validate(new GetStreams("nope"));
        Assert.NotNull(error);
        Assert.Equal(GatewayErrorCode.StoreNotFound, error.Code);
        Assert.Equal("Store", error.Field);
    }

    [Theory]
    [InlineData(null, "a stream id is required")]
    [InlineData("", "a stream id is required")]
    [InlineData("$all", "must not start with '$'")]
    [InlineData("bad\u0000id", "control")]
    [InlineData("tab\there", "control")]
    public void Stream_ids_must_be_printable_and_not_selectors(string? stream, string message) =>
        AssertInvalid(_validator.Validate(new GetVersion("reg_gh", stream!)), "StreamId", message);

    [Fact]
    public void Stream_ids_must_be_valid_utf16()
    {
        var lone = "lone" + (char)0xD800 + "surrogate";
        AssertInvalid(_validator.Validate(new GetVersion("reg_gh", lone)), "StreamId", "invalid UTF-16");
    }

    [Fact]
    public void Stream_ids_are_capped_by_the_writer_atom_length_for_the_store()
    {
        // "streams_writer_worker_" + "reg_gh" + "_" + stream <= 255 characters: 226 for reg_gh; the configured 200 is lower.
        Assert.Null(_validator.Validate(new GetVersion("reg_gh", new string('x', 200))));
        AssertInvalid(_validator.Validate(new GetVersion("reg_gh", new string('x', 201))), "StreamId", "at most 200");
        Assert.Equal(226, StreamIdRule.MaxLength("reg_gh", 1000));
        Assert.Equal(132, StreamIdRule.MaxLength(new string('s', 100), 1000));
    }

    [Fact]
    public void Stream_id_length_counts_characters_not_utf16_units()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 200));
        Assert.Null(_validator.Validate(new GetVersion("reg_gh", emoji)));
    }

    [Fact]
    public void Expected_versions_must_be_one_of_the_four_forms()
    {
        AssertInvalid(_validator.Validate(Append("s", [Event()], new ExpectedVersion(-3))), "ExpectedVersion", "-3 is not an expected version");
        Assert.Null(_validator.Validate(Append("s", [Event()], ExpectedVersion.StreamExists)));
        Assert.Null(_validator.Validate(Append("s", [Event()], null)));
    }

    [Fact]
    public void An_append_needs_events_within_the_count_limit()
    {
        AssertInvalid(_validator.Validate(Append("s", [])), "Events", "at least one event");
        AssertInvalid(_validator.Validate(Append("s", null!)), "Events", "at least one event");
        AssertInvalid(_validator.Validate(Append("s", [Event(), Event(), Event(), Event()])), "Events", "at most 3");
    }

    [Fact]
    public void Each_event_needs_a_printable_type_within_its_limit()
    {
        AssertInvalid(_validator.Validate(Append("s", [Event(), Event(type: "")])), "Events[1].EventType", "event type is required");
        AssertInvalid(_validator.Validate(Append("s", [Event(type: new string('t', 21))])), "Events[0].EventType", "at most 20");
        AssertInvalid(_validator.Validate(Append("s", [Event(type: "a\nb")])), "Events[0].EventType", "not printable");
        AssertInvalid(_validator.Validate(Append("s", [null!])), "Events[0]", "must not be null");
    }

    [Fact]
    public void Each_event_needs_data_of_a_known_content_type()
    {
        AssertInvalid(_validator.Validate(Append("s", [Event() with { Data = default }])), "Events[0].Data", "data is required");
        AssertInvalid(_validator.Validate(Append("s", [Event() with { ContentType = "text/xml" }])), "Events[0].ContentType", "must be application/json");
        AssertInvalid(_validator.Validate(Append("s", [Event() with { ContentType = ContentTypes.OctetStream }])), "Events[0].Data", "base64 string");
        var bytes = JsonDocument.Parse("\"AAEC\"").RootElement.Clone();
        Assert.Null(_validator.Validate(Append("s", [Event() with { ContentType = ContentTypes.OctetStream, Data = bytes }])));
    }

    [Fact]
    public void Events_must_fit_the_per_event_and_per_append_size_limits()
    {
        var big = JsonDocument.Parse($"\"{new string('x', 99)}\"").RootElement.Clone(); // 101 bytes with quotes
        AssertInvalid(_validator.Validate(Append("s", [Event() with { Data = big }])), "Events[0]", "at most 100 are allowed per event");
        var medium = JsonDocument.Parse($"\"{new string('x', 58)}\"").RootElement.Clone(); // 60 bytes
        var metadata = JsonDocument.Parse($"\"{new string('m', 39)}\"").RootElement.Clone(); // 41 bytes
        AssertInvalid(_validator.Validate(Append("s", [Event() with { Data = medium, Metadata = metadata }])), "Events[0]", "take 101 bytes; at most 100 are allowed per event");
        AssertInvalid(_validator.Validate(Append("s", [Event() with { Data = medium }, Event() with { Data = medium }, Event() with { Data = medium }])), "Events", "at most 150 are allowed per append");
    }

    [Fact]
    public void Event_ids_must_be_distinct_within_an_append()
    {
        var e = Event();
        AssertInvalid(_validator.Validate(Append("s", [e, Event(), e])), "Events[2].EventId", "appears twice");
        Assert.Null(_validator.Validate(Append("s", [Event() with { EventId = Guid.Empty }, Event() with { EventId = Guid.Empty }])));
    }

    [Theory]
    [InlineData(-1, 1, ReadDirection.Forward, "Start")]
    [InlineData(0, 0, ReadDirection.Forward, "Count")]
    [InlineData(0, 11, ReadDirection.Backward, "Count")]
    [InlineData(0, 1, (ReadDirection)7, "Direction")]
    public void Reads_need_a_start_a_count_in_range_and_a_direction(long start, int count, ReadDirection direction, string field) =>
        AssertInvalid(_validator.Validate(new GetEvents("reg_gh", "s", start, count, direction)), field, "");

    [Fact]
    public void A_valid_read_passes() =>
        Assert.Null(_validator.Validate(new GetEvents("reg_gh", "s", 0, 10, ReadDirection.Backward)));

    [Fact]
    public void Snapshot_keys_need_printable_parts_a_version_and_fit_the_worker_atoms()
    {
        Assert.Null(_validator.Validate(new ReadSnapshot("reg_gh", new SnapshotKey("src", "stream", 0))));
        AssertInvalid(_validator.Validate(new ReadSnapshot("reg_gh", null!)), "Key", "required");
        AssertInvalid(_validator.Validate(new ReadSnapshot("reg_gh", new SnapshotKey("", "stream", 0))), "Key.SourceUuid", "must not be empty");
        AssertInvalid(_validator.Validate(new DeleteSnapshot("reg_gh", new SnapshotKey("src", "a\u0001", 0))), "Key.StreamUuid", "not printable");
        AssertInvalid(_validator.Validate(new ReadSnapshot("reg_gh", new SnapshotKey("src", "stream", -1))), "Key.Version", "must not be negative");
        AssertInvalid(_validator.Validate(new ReadSnapshot("reg_gh", new SnapshotKey(new string('s', 120), new string('t', 120), 0))), "Key", "at most 230");
        AssertInvalid(_validator.Validate(new ListSnapshots("reg_gh", "", null)), "SourceUuid", "must not be empty");
        Assert.Null(_validator.Validate(new ListSnapshots("reg_gh", null, "stream")));
    }

    [Fact]
    public void A_snapshot_needs_a_type_data_and_a_size_within_the_limit()
    {
        var key = new SnapshotKey("src", "stream", 1);
        Assert.Null(_validator.Validate(new RecordSnapshot("reg_gh", new Snapshot(key, "state:v1", Json, null, null))));
        AssertInvalid(_validator.Validate(new RecordSnapshot("reg_gh", null!)), "Snapshot", "required");
        AssertInvalid(_validator.Validate(new RecordSnapshot("reg_gh", new Snapshot(key, " ", Json, null, null))), "Snapshot.SnapshotType", "snapshot type");
        AssertInvalid(_validator.Validate(new RecordSnapshot("reg_gh", new Snapshot(key, "t", default, null, null))), "Snapshot.Data", "data is required");
        var big = JsonDocument.Parse($"\"{new string('x', 60)}\"").RootElement.Clone();
        AssertInvalid(_validator.Validate(new RecordSnapshot("reg_gh", new Snapshot(key, "t", big, null, null))), "Snapshot", "at most 50");
    }

    private static void AssertInvalid(GatewayError? error, string field, string message)
    {
        Assert.NotNull(error);
        Assert.Equal(GatewayErrorCode.InvalidRequest, error.Code);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
        Assert.StartsWith(field, error.Message);
    }

    private static AppendEvents Append(string stream, IReadOnlyList<EventData> events, ExpectedVersion? expected = null) =>
        new("reg_gh", stream, events, expected);

    private static EventData Event(string type = "happened:v1") => new(Guid.NewGuid(), type, Json);

    private sealed class Stores(params string[] stores) : IKnownStores
    {
        public IReadOnlyList<string> All => stores;

        public bool IsKnown(string store) => stores.Contains(store);
    }
}
