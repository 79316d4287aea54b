using System.Text.Json;

namespace EsdbGater.Contracts;

/// <summary>An event as stored in ExESDB (its EventRecord), in .NET terms.</summary>
/// <param name="StreamId">The stream the event belongs to.</param>
/// <param name="EventNumber">0-based position in the stream.</param>
/// <param name="EventId">The id given at append time, verbatim (not always a GUID when written by Elixir clients).</param>
/// <param name="EventType">Event type name.</param>
/// <param name="Data">Payload as JSON (maps become objects; binaries become strings, or base64 for non-UTF-8 bytes).</param>
/// <param name="Metadata">Metadata as JSON; <c>null</c> when the event has none.</param>
/// <param name="ContentType">Content type derived from ExESDB's <c>data_content_type</c>.</param>
/// <param name="Created">Creation time as recorded by the ExESDB node (microsecond precision).</param>
public sealed record RecordedEvent(
    string StreamId,
    long EventNumber,
    string EventId,
    string EventType,
    JsonElement Data,
    JsonElement? Metadata,
    string ContentType,
    DateTimeOffset Created);
