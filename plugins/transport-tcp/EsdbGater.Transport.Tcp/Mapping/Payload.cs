using System.Text.Json;
using EsdbGater.Erlang.Terms;
using EsdbGater.Transport.Tcp.Failures;

namespace EsdbGater.Transport.Tcp.Mapping;

/// <summary>Event and snapshot payloads between the contract's JSON and ExESDB's stored terms.</summary>
internal static class Payload
{
    /// <summary>
    /// The stored term for a payload of content type <paramref name="code"/>: JSON by
    /// <see cref="JsonToTerm.FromPayload"/>; raw bytes from a base64 JSON string.
    /// </summary>
    public static ErlangTerm ToTerm(JsonElement json, int code, string what)
    {
        if (code != ContentTypeCode.Binary)
        {
            return JsonToTerm.FromPayload(json, what);
        }

        if (json.ValueKind != JsonValueKind.String || !json.TryGetBytesFromBase64(out var bytes))
        {
            throw ExesdbFailures.InvalidArgument($"{what} must be a base64 JSON string for content type application/octet-stream.");
        }

        return new ErlBinary(bytes);
    }

    /// <summary>
    /// The JSON for a stored payload. Raw bytes (code 2) become a base64 string; a binary under
    /// the JSON code (1) is the JSON text this gateway stores for non-object values, so it is
    /// parsed back (falling back to a plain string when it is not JSON); anything else goes
    /// through <see cref="TermToJson"/>.
    /// </summary>
    public static JsonElement ToJson(ErlangTerm term, long code)
    {
        if (term is ErlBinary binary)
        {
            if (code == ContentTypeCode.Binary)
            {
                return TermToJson.String(Convert.ToBase64String(binary.Bytes.Span));
            }

            if (code == ContentTypeCode.Json && TermToJson.TryParse(binary.Bytes, out var parsed))
            {
                return parsed;
            }
        }

        return TermToJson.Convert(term);
    }
}
