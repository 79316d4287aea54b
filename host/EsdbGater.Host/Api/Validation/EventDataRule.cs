using System.Text;
using System.Text.Json;
using EsdbGater.Contracts;
using EsdbGater.Host.Configuration;

namespace EsdbGater.Host.Api.Validation;

/// <summary>
/// The events of an append: 1..N events, each with a type, a payload of a known content type,
/// within the per-event and per-append size limits, and distinct ids (the gateway tells an
/// append with an unknown outcome from one that never happened by its event ids). ExESDB writes
/// a batch event by event and crashes on malformed events, so nothing partial may reach it.
/// </summary>
internal static class EventDataRule
{
    public static ValidationProblem? Check(IReadOnlyList<EventData>? events, RequestLimitsOptions limits)
    {
        if (events is null || events.Count == 0)
        {
            return new ValidationProblem("Events", "at least one event is required.");
        }

        if (events.Count > limits.MaxEventsPerAppend)
        {
            return new ValidationProblem("Events", $"{events.Count} events; at most {limits.MaxEventsPerAppend} are allowed in one append.");
        }

        var ids = new HashSet<Guid>();
        long total = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var field = $"Events[{i}]";
            var e = events[i];
            if (e is null)
            {
                return new ValidationProblem(field, "must not be null.");
            }

            if (CheckType(e.EventType, field + ".EventType", limits.MaxEventTypeLength) is { } typeProblem)
            {
                return typeProblem;
            }

            var size = PayloadSize(e, field, out var payloadProblem);
            if (payloadProblem is not null)
            {
                return payloadProblem;
            }

            if (size > limits.MaxEventBytes)
            {
                return new ValidationProblem(field, $"data and metadata take {size} bytes; at most {limits.MaxEventBytes} are allowed per event.");
            }

            total += size;
            if (e.EventId != Guid.Empty && !ids.Add(e.EventId))
            {
                return new ValidationProblem(field + ".EventId", $"event id {e.EventId} appears twice in this append.");
            }
        }

        return total > limits.MaxAppendBytes
            ? new ValidationProblem("Events", $"the events take {total} bytes; at most {limits.MaxAppendBytes} are allowed per append.")
            : null;
    }

    /// <summary>Size in bytes of a JSON payload as stored; a problem when it is missing or not expressible.</summary>
    public static long JsonSize(JsonElement element) => Encoding.UTF8.GetByteCount(element.GetRawText());

    private static ValidationProblem? CheckType(string? eventType, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(eventType))
        {
            return new ValidationProblem(field, "an event type is required.");
        }

        if (eventType.Length > maxLength)
        {
            return new ValidationProblem(field, $"{eventType.Length} characters; at most {maxLength} are allowed.");
        }

        return PrintableTextRule.Check(eventType) is { } problem ? new ValidationProblem(field, "is not printable: " + problem) : null;
    }

    private static long PayloadSize(EventData e, string field, out ValidationProblem? problem)
    {
        problem = null;
        var contentType = string.IsNullOrEmpty(e.ContentType) ? ContentTypes.Json : e.ContentType;
        long size;
        switch (contentType)
        {
            case ContentTypes.Json when e.Data.ValueKind == JsonValueKind.Undefined:
                problem = new ValidationProblem(field + ".Data", "data is required (any JSON value).");
                return 0;
            case ContentTypes.Json:
                size = JsonSize(e.Data);
                break;
            case ContentTypes.OctetStream when e.Data.ValueKind == JsonValueKind.String && e.Data.TryGetBytesFromBase64(out var bytes):
                size = bytes.Length;
                break;
            case ContentTypes.OctetStream:
                problem = new ValidationProblem(field + ".Data", $"with content type {ContentTypes.OctetStream} the data must be a base64 string.");
                return 0;
            default:
                problem = new ValidationProblem(field + ".ContentType", $"must be {ContentTypes.Json} or {ContentTypes.OctetStream}.");
                return 0;
        }

        if (e.Metadata is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } metadata)
        {
            size += JsonSize(metadata);
        }

        return size;
    }
}
