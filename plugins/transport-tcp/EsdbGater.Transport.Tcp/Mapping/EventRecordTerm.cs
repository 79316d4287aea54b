using EsdbGater.Contracts;
using EsdbGater.Erlang.Terms;
using EsdbGater.Transport.Tcp.Failures;

namespace EsdbGater.Transport.Tcp.Mapping;

/// <summary>
/// Reads ExESDB's <c>%ExESDB.Schema.EventRecord{}</c> as a <see cref="RecordedEvent"/>. Key
/// order is irrelevant (OTP 27 does not sort map keys) and unknown keys are ignored; only the
/// stream id and event number are required, because records written by other clients can
/// carry anything in the other fields.
/// </summary>
internal static class EventRecordTerm
{
    public static RecordedEvent Parse(ErlangTerm term, string operation)
    {
        if (term is not ErlMap map
            || map[ElixirAtoms.EventStreamId] is not ErlBinary streamId || !streamId.TryGetUtf8(out var stream)
            || map[ElixirAtoms.EventNumber] is not ErlInteger { FitsInt64: true } number)
        {
            throw ExesdbFailures.UnexpectedReply(operation, term);
        }

        var dataCode = CodeOf(map[ElixirAtoms.DataContentType]);
        var metadataCode = CodeOf(map[ElixirAtoms.MetadataContentType]);
        var metadata = map[ElixirAtoms.Metadata];

        return new RecordedEvent(
            stream,
            number.Int64Value,
            TermText.Of(map[ElixirAtoms.EventId]),
            TermText.Of(map[ElixirAtoms.EventType]),
            Payload.ToJson(map[ElixirAtoms.Data] ?? ErlAtom.Nil, dataCode),
            metadata is null || metadata == ErlAtom.Nil ? null : Payload.ToJson(metadata, metadataCode),
            ContentTypeCode.ToContentType(dataCode),
            CreatedOf(map));
    }

    /// <summary>The <c>created</c> DateTime, else <c>created_epoch</c> (microseconds), else the Unix epoch.</summary>
    private static DateTimeOffset CreatedOf(ErlMap map)
    {
        if (map[ElixirAtoms.Created] is ErlMap created && ElixirCalendar.TryReadDateTime(created, out var value))
        {
            return value;
        }

        if (map[ElixirAtoms.CreatedEpoch] is ErlInteger { FitsInt64: true } epoch
            && epoch.Int64Value is >= 0 and < 253_402_300_800_000_000)
        {
            return DateTimeOffset.UnixEpoch.AddTicks(epoch.Int64Value * 10);
        }

        return DateTimeOffset.UnixEpoch;
    }

    private static long CodeOf(ErlangTerm? term) =>
        term is ErlInteger { FitsInt64: true } code ? code.Int64Value : ContentTypeCode.ErlangTerms;
}
