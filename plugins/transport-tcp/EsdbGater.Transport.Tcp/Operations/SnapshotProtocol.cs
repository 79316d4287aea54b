using System.Globalization;
using EsdbGater.Contracts;
using EsdbGater.Erlang.Terms;
using EsdbGater.Transport.Tcp.Failures;
using EsdbGater.Transport.Tcp.Mapping;

namespace EsdbGater.Transport.Tcp.Operations;

/// <summary>
/// Snapshot requests and replies (contract §5). Snapshots are stored as the
/// <c>%ExESDB.Schema.SnapshotRecord{}</c> struct, with <c>created_epoch</c> in milliseconds as
/// the Commanded adapter writes it. Their data has no content type, so it maps with the plain
/// JSON rules both ways (objects as binary-keyed maps, arrays as lists, strings as binaries).
/// </summary>
internal static class SnapshotProtocol
{
    public static ErlTuple Record(ErlAtom store, Snapshot snapshot, DateTimeOffset now)
    {
        var key = KeyTerms(snapshot.Key);
        var created = snapshot.Created ?? now;
        var record = ErlMap.Of(
            (ElixirAtoms.Struct, ElixirAtoms.SnapshotRecord),
            (ElixirAtoms.SourceUuid, key.Source),
            (ElixirAtoms.SourceVersion, snapshot.Key.Version),
            (ElixirAtoms.SourceType, JsonToTerm.Utf8Binary(snapshot.SnapshotType ?? string.Empty, "The snapshot type")),
            (ElixirAtoms.Data, JsonToTerm.Convert(snapshot.Data, "The snapshot data")),
            (ElixirAtoms.Metadata, snapshot.Metadata is { } m ? JsonToTerm.Convert(m, "The snapshot metadata") : ErlAtom.Nil),
            (ElixirAtoms.CreatedAt, ElixirCalendar.ToDateTime(created)),
            (ElixirAtoms.CreatedEpoch, created.ToUnixTimeMilliseconds()));
        return ErlTuple.Of(GatewayAtoms.RecordSnapshot, store, key.Source, key.Stream, key.Version, record);
    }

    public static ErlTuple Read(ErlAtom store, SnapshotKey key)
    {
        var terms = KeyTerms(key);
        return ErlTuple.Of(GatewayAtoms.ReadSnapshot, store, terms.Source, terms.Stream, terms.Version);
    }

    public static ErlTuple Delete(ErlAtom store, SnapshotKey key)
    {
        var terms = KeyTerms(key);
        return ErlTuple.Of(GatewayAtoms.DeleteSnapshot, store, terms.Source, terms.Stream, terms.Version);
    }

    /// <summary>
    /// ExESDB matches <c>any</c> only as (any, any) or (source, any): a stream without a source
    /// lists everything, and <see cref="ParseList"/> filters by stream.
    /// </summary>
    public static ErlTuple List(ErlAtom store, string? sourceUuid, string? streamUuid)
    {
        if (sourceUuid is null)
        {
            return ErlTuple.Of(GatewayAtoms.ListSnapshots, store, GatewayAtoms.Any, GatewayAtoms.Any);
        }

        var source = Identifier(sourceUuid, "The snapshot source");
        ErlangTerm stream = streamUuid is null ? GatewayAtoms.Any : Identifier(streamUuid, "The snapshot stream");
        return ErlTuple.Of(GatewayAtoms.ListSnapshots, store, source, stream);
    }

    /// <summary>The snapshot, or null for ExESDB's two "missing" answers.</summary>
    public static Snapshot? ParseRead(ErlangTerm reply, SnapshotKey key)
    {
        if (reply is ErlTuple { Arity: 2 } t && t[0] == ErlAtom.Error && IsMissing(t[1]))
        {
            return null;
        }

        return ToSnapshot(Replies.OkValue("read_snapshot", reply), key);
    }

    /// <summary><c>{ok, #{[snapshots, Source, Stream, Padded] => Record}}</c>, ordered by key.</summary>
    public static IReadOnlyList<Snapshot> ParseList(ErlangTerm reply, string? streamUuid)
    {
        if (Replies.OkValue("list_snapshots", reply) is not ErlMap map)
        {
            throw ExesdbFailures.UnexpectedReply("list_snapshots", reply);
        }

        var snapshots = new List<Snapshot>(map.Count);
        foreach (var (path, record) in map.Pairs)
        {
            if (TryParsePath(path, out var key) && (streamUuid is null || key.StreamUuid == streamUuid))
            {
                snapshots.Add(ToSnapshot(record, key));
            }
        }

        return snapshots
            .OrderBy(s => s.Key.SourceUuid, StringComparer.Ordinal)
            .ThenBy(s => s.Key.StreamUuid, StringComparer.Ordinal)
            .ThenBy(s => s.Key.Version)
            .ToArray();
    }

    /// <summary>
    /// <c>{khepri, node_not_found, _}</c> is what a missing snapshot really returns;
    /// <c>not_found</c> is a node without payload.
    /// </summary>
    private static bool IsMissing(ErlangTerm reason) =>
        reason == GatewayAtoms.NotFound
        || reason is ErlTuple { Arity: 3 } k && k[0] == GatewayAtoms.Khepri && k[1] == GatewayAtoms.NodeNotFound;

    /// <summary>A stored value as a snapshot; values that are not SnapshotRecords become its data.</summary>
    private static Snapshot ToSnapshot(ErlangTerm record, SnapshotKey key)
    {
        if (record is not ErlMap map || ElixirAtoms.StructOf(map) != ElixirAtoms.SnapshotRecord)
        {
            return new Snapshot(key, string.Empty, TermToJson.Convert(record), null, null);
        }

        var metadata = map[ElixirAtoms.Metadata];
        return new Snapshot(
            key,
            TermText.OfOptional(map[ElixirAtoms.SourceType]) ?? string.Empty,
            TermToJson.Convert(map[ElixirAtoms.Data] ?? ErlAtom.Nil),
            metadata is null || metadata == ErlAtom.Nil ? null : TermToJson.Convert(metadata),
            CreatedOf(map));
    }

    private static DateTimeOffset? CreatedOf(ErlMap map)
    {
        if (map[ElixirAtoms.CreatedAt] is ErlMap created && ElixirCalendar.TryReadDateTime(created, out var value))
        {
            return value;
        }

        return map[ElixirAtoms.CreatedEpoch] is ErlInteger { FitsInt64: true } epoch && epoch.Int64Value is >= 0 and < 253_402_300_800_000
            ? DateTimeOffset.FromUnixTimeMilliseconds(epoch.Int64Value)
            : null;
    }

    private static bool TryParsePath(ErlangTerm path, out SnapshotKey key)
    {
        key = null!;
        if (path is not ErlList { IsProper: true, Count: 4 } list || list[0] != GatewayAtoms.Snapshots
            || list[3] is not ErlBinary padded || !padded.TryGetUtf8(out var versionText)
            || !long.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        key = new SnapshotKey(TermText.Of(list[1]), TermText.Of(list[2]), version);
        return true;
    }

    /// <summary>ExESDB's guard: binary source and stream, integer version &gt;= 0 — anything else crashes the worker.</summary>
    private static (ErlBinary Source, ErlBinary Stream, ErlInteger Version) KeyTerms(SnapshotKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Version < 0)
        {
            throw ExesdbFailures.InvalidArgument($"The snapshot version must not be negative (was {key.Version}).");
        }

        return (Identifier(key.SourceUuid, "The snapshot source"), Identifier(key.StreamUuid, "The snapshot stream"), ErlInteger.Of(key.Version));
    }

    private static ErlBinary Identifier(string? text, string what) =>
        string.IsNullOrEmpty(text) ? throw ExesdbFailures.InvalidArgument($"{what} is empty.") : JsonToTerm.Utf8Binary(text, what);
}
