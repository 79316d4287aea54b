using EsdbGater.Erlang.Terms;

namespace EsdbGater.Transport.Tcp.Mapping;

/// <summary>Atoms of the Elixir data ExESDB stores: struct names and their field names.</summary>
internal static class ElixirAtoms
{
    public static readonly ErlAtom Struct = ErlAtom.Of("__struct__");

    public static readonly ErlAtom NewEvent = ErlAtom.Of("Elixir.ExESDB.Schema.NewEvent");
    public static readonly ErlAtom EventRecord = ErlAtom.Of("Elixir.ExESDB.Schema.EventRecord");
    public static readonly ErlAtom SnapshotRecord = ErlAtom.Of("Elixir.ExESDB.Schema.SnapshotRecord");

    public static readonly ErlAtom EventId = ErlAtom.Of("event_id");
    public static readonly ErlAtom EventType = ErlAtom.Of("event_type");
    public static readonly ErlAtom EventStreamId = ErlAtom.Of("event_stream_id");
    public static readonly ErlAtom EventNumber = ErlAtom.Of("event_number");
    public static readonly ErlAtom DataContentType = ErlAtom.Of("data_content_type");
    public static readonly ErlAtom MetadataContentType = ErlAtom.Of("metadata_content_type");
    public static readonly ErlAtom Data = ErlAtom.Of("data");
    public static readonly ErlAtom Metadata = ErlAtom.Of("metadata");
    public static readonly ErlAtom Created = ErlAtom.Of("created");
    public static readonly ErlAtom CreatedEpoch = ErlAtom.Of("created_epoch");

    public static readonly ErlAtom SourceUuid = ErlAtom.Of("source_uuid");
    public static readonly ErlAtom SourceVersion = ErlAtom.Of("source_version");
    public static readonly ErlAtom SourceType = ErlAtom.Of("source_type");
    public static readonly ErlAtom CreatedAt = ErlAtom.Of("created_at");

    public static readonly ErlAtom DateTime = ErlAtom.Of("Elixir.DateTime");
    public static readonly ErlAtom NaiveDateTime = ErlAtom.Of("Elixir.NaiveDateTime");
    public static readonly ErlAtom Date = ErlAtom.Of("Elixir.Date");
    public static readonly ErlAtom CalendarIso = ErlAtom.Of("Elixir.Calendar.ISO");
    public static readonly ErlAtom Calendar = ErlAtom.Of("calendar");
    public static readonly ErlAtom Year = ErlAtom.Of("year");
    public static readonly ErlAtom Month = ErlAtom.Of("month");
    public static readonly ErlAtom Day = ErlAtom.Of("day");
    public static readonly ErlAtom Hour = ErlAtom.Of("hour");
    public static readonly ErlAtom Minute = ErlAtom.Of("minute");
    public static readonly ErlAtom Second = ErlAtom.Of("second");
    public static readonly ErlAtom Microsecond = ErlAtom.Of("microsecond");
    public static readonly ErlAtom StdOffset = ErlAtom.Of("std_offset");
    public static readonly ErlAtom UtcOffset = ErlAtom.Of("utc_offset");
    public static readonly ErlAtom TimeZone = ErlAtom.Of("time_zone");
    public static readonly ErlAtom ZoneAbbr = ErlAtom.Of("zone_abbr");

    /// <summary>The struct module of <paramref name="map"/>, or null for a plain map.</summary>
    public static ErlAtom? StructOf(ErlMap map) => map[Struct] as ErlAtom;
}
