using EsdbGater.Contracts;

namespace EsdbGater.Transport.Tcp.Mapping;

/// <summary>
/// ExESDB's <c>data_content_type</c> / <c>metadata_content_type</c> integers. The store never
/// interprets them; these are the conventions in use: <c>0</c> Erlang terms (what Elixir
/// clients and ExESDB's own tests write), <c>1</c> JSON (ex-esdb-grpc's convention, and what
/// this gateway writes for JSON payloads), <c>2</c> raw bytes (this gateway's octet-stream).
/// </summary>
internal static class ContentTypeCode
{
    public const int ErlangTerms = 0;
    public const int Json = 1;
    public const int Binary = 2;

    /// <summary>The code for a contract content type; false for types the gateway cannot store.</summary>
    public static bool TryFromContentType(string? contentType, out int code)
    {
        if (string.Equals(contentType, ContentTypes.Json, StringComparison.OrdinalIgnoreCase))
        {
            code = Json;
            return true;
        }

        if (string.Equals(contentType, ContentTypes.OctetStream, StringComparison.OrdinalIgnoreCase))
        {
            code = Binary;
            return true;
        }

        code = -1;
        return false;
    }

    /// <summary>
    /// The contract content type of what <see cref="Payload.ToJson"/> makes of a code: raw
    /// bytes are base64 text (octet-stream); everything else is presented as JSON.
    /// </summary>
    public static string ToContentType(long code) => code == Binary ? ContentTypes.OctetStream : ContentTypes.Json;
}
