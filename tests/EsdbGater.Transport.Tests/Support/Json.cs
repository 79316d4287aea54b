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

    /// <summary>Compact text of an element (only quotes and control characters escaped), for equality assertions.</summary>
    public static string Text(JsonElement element) => JsonSerializer.Serialize(element, Readable);
}
