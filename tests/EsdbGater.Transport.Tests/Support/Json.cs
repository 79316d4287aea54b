using System.Text.Encodings.Web;
using System.Text.Json;

namespace EsdbGater.Transport.Tests.Support;

internal static class Json
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Compact text with object properties sorted: JSON objects have no order, and BEAM maps
    /// come back in the node's key order (sorted up to 32 keys on OTP 25, hash order on 27).
    /// </summary>
    public static string Canonical(JsonElement element) => JsonSerializer.Serialize(Sorted(element), Readable);

    private static System.Text.Json.Nodes.JsonNode? Sorted(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new System.Text.Json.Nodes.JsonObject(
            element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Name, Sorted(p.Value)))),
        JsonValueKind.Array => new System.Text.Json.Nodes.JsonArray(element.EnumerateArray().Select(Sorted).ToArray()),
        _ => System.Text.Json.Nodes.JsonValue.Create(element),
    };

    /// <summary>Compact text of an element (only quotes and control characters escaped), for equality assertions.</summary>
    public static string Text(JsonElement element) => JsonSerializer.Serialize(element, Readable);
}
