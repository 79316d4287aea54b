using System.Text.Json;
using EsdbGater.Contracts;

namespace EsdbGater.Host.Subscriptions.Selection;

/// <summary>
/// By event pattern: the pattern matches the whole event record partially, with ExESDB's field
/// names (<c>event_stream_id</c>, <c>event_number</c>, <c>event_id</c>, <c>event_type</c>,
/// <c>data</c>, <c>metadata</c>). A pattern key that is none of these never matches.
/// </summary>
internal sealed class RecordPatternSelector(JsonElement pattern) : IEventSelector
{
    public string? SingleStream => null;

    public bool Matches(RecordedEvent recordedEvent)
    {
        foreach (var property in pattern.EnumerateObject())
        {
            if (!FieldMatches(property.Name, property.Value, recordedEvent))
            {
                return false;
            }
        }

        return true;
    }

    private static bool FieldMatches(string field, JsonElement expected, RecordedEvent e) => field switch
    {
        "event_stream_id" => StringMatches(expected, e.StreamId),
        "event_type" => StringMatches(expected, e.EventType),
        "event_id" => StringMatches(expected, e.EventId),
        "event_number" => expected.ValueKind == JsonValueKind.Number && expected.TryGetInt64(out var n) && n == e.EventNumber,
        "data" => JsonPattern.Matches(expected, e.Data),
        "metadata" => e.Metadata is { } metadata
            ? JsonPattern.Matches(expected, metadata)
            : expected.ValueKind == JsonValueKind.Null,
        _ => false,
    };

    private static bool StringMatches(JsonElement expected, string actual) =>
        expected.ValueKind == JsonValueKind.String && string.Equals(expected.GetString(), actual, StringComparison.Ordinal);
}
