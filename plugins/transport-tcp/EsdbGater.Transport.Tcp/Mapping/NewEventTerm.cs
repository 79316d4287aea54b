using EsdbGater.Contracts;
using EsdbGater.Erlang.Terms;
using EsdbGater.Transport.Tcp.Failures;

namespace EsdbGater.Transport.Tcp.Mapping;

/// <summary>
/// <see cref="EventData"/> as the <c>%ExESDB.Schema.NewEvent{}</c> struct that
/// <c>append_events</c> pattern-matches. All six fields are always present: ExESDB raises
/// KeyError on a missing one in the middle of a batch, after the earlier events were written.
/// </summary>
internal static class NewEventTerm
{
    /// <summary>The struct for one event; <paramref name="index"/> names it in error messages.</summary>
    public static ErlMap From(EventData data, int index)
    {
        var what = $"Event {index}";
        if (string.IsNullOrEmpty(data.EventType))
        {
            throw ExesdbFailures.InvalidArgument($"{what} has no event type.");
        }

        if (!ContentTypeCode.TryFromContentType(data.ContentType, out var dataCode))
        {
            throw ExesdbFailures.InvalidArgument($"{what} has content type \"{data.ContentType}\"; use {ContentTypes.Json} or {ContentTypes.OctetStream}.");
        }

        // Guid.Empty asks for an id; ExESDB neither generates nor checks ids, so the gateway must.
        var eventId = data.EventId == Guid.Empty ? Guid.CreateVersion7() : data.EventId;
        var metadata = data.Metadata is { } m && m.ValueKind != System.Text.Json.JsonValueKind.Null
            ? JsonToTerm.FromPayload(m, $"{what} metadata")
            : ErlAtom.Nil;

        return ErlMap.Of(
            (ElixirAtoms.Struct, ElixirAtoms.NewEvent),
            (ElixirAtoms.EventId, eventId.ToString("D")),
            (ElixirAtoms.EventType, JsonToTerm.Utf8Binary(data.EventType, $"{what} event type")),
            (ElixirAtoms.DataContentType, dataCode),
            (ElixirAtoms.MetadataContentType, ContentTypeCode.Json),
            (ElixirAtoms.Data, Payload.ToTerm(data.Data, dataCode, $"{what} data")),
            (ElixirAtoms.Metadata, metadata));
    }

    /// <summary>The events list of an append.</summary>
    public static ErlList ListFrom(IReadOnlyList<EventData> events)
    {
        if (events.Count == 0)
        {
            return ErlList.Empty;
        }

        var terms = new ErlangTerm[events.Count];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = From(events[i] ?? throw ExesdbFailures.InvalidArgument($"Event {i} is null."), i);
        }

        return ErlList.Of(terms);
    }
}
