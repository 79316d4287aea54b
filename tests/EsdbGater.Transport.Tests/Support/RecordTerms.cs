using System.Collections.Immutable;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Transport.Tests.Support;

/// <summary>Terms shaped exactly like ExESDB's (contract §3.2), built by hand.</summary>
internal static class RecordTerms
{
    public static readonly ErlAtom Struct = ErlAtom.Of("__struct__");

    public static ErlAtom A(string name) => ErlAtom.Of(name);

    /// <summary><c>DateTime.utc_now()</c> for 2025-10-16 07:17:09.123456Z.</summary>
    public static ErlMap CreatedDateTime() => ErlMap.Of(
        (Struct, A("Elixir.DateTime")),
        (A("calendar"), A("Elixir.Calendar.ISO")),
        (A("year"), 2025), (A("month"), 10), (A("day"), 16),
        (A("hour"), 7), (A("minute"), 17), (A("second"), 9),
        (A("microsecond"), ErlTuple.Of(123456, 6)),
        (A("std_offset"), 0), (A("utc_offset"), 0),
        (A("time_zone"), "Etc/UTC"), (A("zone_abbr"), "UTC"));

    public const long CreatedEpochMicroseconds = 1760599029123456;

    /// <summary>
    /// An EventRecord with the 12 keys in the order OTP 27 put them on the wire (live check 3),
    /// which is not sorted.
    /// </summary>
    public static ErlMap EventRecord(
        string stream = "greenhouse1",
        long number = 0,
        ErlangTerm? data = null,
        ErlangTerm? metadata = null,
        long dataContentType = 1,
        long metadataContentType = 1,
        ErlangTerm? eventId = null,
        ErlangTerm? created = null,
        params (ErlangTerm Key, ErlangTerm Value)[] extra)
    {
        var pairs = new List<(ErlangTerm, ErlangTerm)>
        {
            (A("data"), data ?? ErlMap.Of((A("temperature"), 21))),
            (A("metadata"), metadata ?? ErlMap.Of((A("causation_id"), "c-1"), (A("correlation_id"), "k-1"))),
            (Struct, A("Elixir.ExESDB.Schema.EventRecord")),
            (A("event_type"), "temperature_measured:v1"),
            (A("created"), created ?? CreatedDateTime()),
            (A("event_stream_id"), stream),
            (A("event_number"), number),
            (A("event_id"), eventId ?? "0198a1b2-0000-7000-8000-000000000001"),
            (A("data_content_type"), dataContentType),
            (A("metadata_content_type"), metadataContentType),
            (A("__unknown_fields__"), ErlList.Empty),
            (A("created_epoch"), CreatedEpochMicroseconds),
        };
        pairs.AddRange(extra);
        return new ErlMap(pairs.Select(p => KeyValuePair.Create(p.Item1, p.Item2)).ToImmutableArray());
    }

    public static ErlPid Pid(string node = "exesdb1@vm", uint id = 1470, uint serial = 0, uint creation = 1760599029) =>
        new(ErlAtom.Of(node), id, serial, creation);

    public static ErlTuple Ok(ErlangTerm value) => ErlTuple.Of(ErlAtom.Ok, value);

    public static ErlTuple Error(ErlangTerm reason) => ErlTuple.Of(ErlAtom.Error, reason);
}
