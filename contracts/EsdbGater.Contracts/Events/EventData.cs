using System.Text.Json;

namespace EsdbGater.Contracts;

/// <summary>An event to append.</summary>
/// <param name="EventId">
/// Client-chosen id, kept verbatim by ExESDB. The gateway uses it to find out whether an append
/// with an unknown outcome was written; <see cref="Guid.Empty"/> asks the gateway for a UUIDv7.
/// </param>
/// <param name="EventType">Event type name, e.g. <c>"order_placed:v1"</c>. Required.</param>
/// <param name="Data">
/// The payload. A JSON object is stored in ExESDB as a map with string keys (so ExESDB's
/// by-payload subscriptions can match it); any other JSON value is stored as its UTF-8 text.
/// With <see cref="ContentTypes.OctetStream"/> it must be a base64 JSON string and is stored
/// as raw bytes.
/// </param>
/// <param name="Metadata">Optional metadata, stored like <paramref name="Data"/>.</param>
/// <param name="ContentType">Content type of <paramref name="Data"/>; defaults to JSON.</param>
public sealed record EventData(
    Guid EventId,
    string EventType,
    JsonElement Data,
    JsonElement? Metadata = null,
    string ContentType = ContentTypes.Json);

/// <summary>Content types the gateway understands for event payloads.</summary>
public static class ContentTypes
{
    /// <summary>JSON (the default): objects become ExESDB maps, other values UTF-8 text.</summary>
    public const string Json = "application/json";
    /// <summary>Raw bytes, carried on the bus as a base64 JSON string.</summary>
    public const string OctetStream = "application/octet-stream";
}
