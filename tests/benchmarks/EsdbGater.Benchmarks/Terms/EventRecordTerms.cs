using EsdbGater.Erlang.Terms;

namespace EsdbGater.Benchmarks.Terms;

/// <summary>
/// ExESDB-shaped terms (exesdb-wire-contract.md §3.2): the <c>%ExESDB.Schema.EventRecord{}</c>
/// map the store returns, and a <c>get_events</c>-style <c>{ok, [Records]}</c> reply.
/// </summary>
public static class EventRecordTerms
{
    private static readonly ErlAtom Struct = Erl.Atom("__struct__");

    /// <summary>
    /// One stored event: 12 keys in ETF order, <c>created</c> a <c>%DateTime{}</c> struct map,
    /// <c>created_epoch</c> in microseconds (beyond 32 bits), <c>data</c> a map with binary keys,
    /// <c>metadata</c> a map with atom keys.
    /// </summary>
    public static ErlMap EventRecord(int eventNumber)
    {
        const long createdEpoch = 1_760_599_029_123_456;
        return Erl.Map(
            (Struct, Erl.Atom("Elixir.ExESDB.Schema.EventRecord")),
            (Erl.Atom("__unknown_fields__"), ErlList.Empty),
            (Erl.Atom("created"), UtcDateTime(2025, 10, 16, 7, 17, 9, 123_456 + eventNumber)),
            (Erl.Atom("created_epoch"), createdEpoch + eventNumber),
            (Erl.Atom("data"), Erl.Map(
                ("sensor_id", "greenhouse1-sensor-03"),
                ("temperature", 21.5 + eventNumber),
                ("humidity", 64),
                ("unit", "celsius"))),
            (Erl.Atom("data_content_type"), 1),
            (Erl.Atom("event_id"), $"0198a1b2-7c3d-7e4f-8a9b-{eventNumber:D12}"),
            (Erl.Atom("event_number"), eventNumber),
            (Erl.Atom("event_stream_id"), "greenhouse1"),
            (Erl.Atom("event_type"), "temperature_measured:v1"),
            (Erl.Atom("metadata"), Erl.Map(
                (Erl.Atom("causation_id"), "0198a1b2-0000-7000-8000-00000000c0de"),
                (Erl.Atom("correlation_id"), "0198a1b2-0000-7000-8000-00000000beef"))),
            (Erl.Atom("metadata_content_type"), 1));
    }

    /// <summary><c>{ok, [EventRecord(0), ..., EventRecord(count - 1)]}</c>.</summary>
    public static ErlTuple OkReply(int count) =>
        Erl.Tuple(ErlAtom.Ok, Erl.List([.. Enumerable.Range(0, count).Select(i => (ErlangTerm)EventRecord(i))]));

    private static ErlMap UtcDateTime(int year, int month, int day, int hour, int minute, int second, int microsecond) =>
        Erl.Map(
            (Struct, Erl.Atom("Elixir.DateTime")),
            (Erl.Atom("calendar"), Erl.Atom("Elixir.Calendar.ISO")),
            (Erl.Atom("day"), day),
            (Erl.Atom("hour"), hour),
            (Erl.Atom("microsecond"), Erl.Tuple(microsecond, 6)),
            (Erl.Atom("minute"), minute),
            (Erl.Atom("month"), month),
            (Erl.Atom("second"), second),
            (Erl.Atom("std_offset"), 0),
            (Erl.Atom("time_zone"), "Etc/UTC"),
            (Erl.Atom("utc_offset"), 0),
            (Erl.Atom("year"), year),
            (Erl.Atom("zone_abbr"), "UTC"));
}
