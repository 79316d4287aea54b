using System.Buffers;
using System.Globalization;
using System.Text.Json;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Transport.Tcp.Mapping;

/// <summary>
/// Any Erlang term as JSON, for records written by anyone (Elixir clients write atom-keyed maps,
/// tuples, charlists, DateTimes, pids). Never fails: maps become objects (atom and UTF-8
/// binary keys as their text, other keys in Erlang syntax), lists and tuples arrays, UTF-8
/// binaries strings and other binaries base64 strings, atoms strings except
/// <c>true</c>/<c>false</c>/<c>nil</c>, calendar structs ISO 8601 strings, and pids,
/// references, ports, funs, bitstrings and improper lists their Erlang syntax.
/// </summary>
internal static class TermToJson
{
    /// <summary>Deeper terms are written as their (truncated) Erlang syntax instead of nested JSON.</summary>
    public const int MaxDepth = 256;

    private static readonly JsonWriterOptions WriterOptions = new() { MaxDepth = MaxDepth + 8 };
    private static readonly JsonDocumentOptions ReaderOptions = new() { MaxDepth = MaxDepth + 8 };

    /// <summary>The term as a detached JSON element.</summary>
    public static JsonElement Convert(ErlangTerm term)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, term, depth: 0);
        }

        return Parse(buffer.WrittenMemory);
    }

    /// <summary>A JSON string element.</summary>
    public static JsonElement String(string text)
    {
        var buffer = new ArrayBufferWriter<byte>(text.Length + 8);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStringValue(text);
        }

        return Parse(buffer.WrittenMemory);
    }

    /// <summary>Parses <paramref name="utf8"/> as one JSON value; false when it is not JSON.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> utf8, out JsonElement json)
    {
        try
        {
            json = Parse(utf8);
            return true;
        }
        catch (JsonException)
        {
            json = default;
            return false;
        }
    }

    private static JsonElement Parse(ReadOnlyMemory<byte> utf8)
    {
        using var document = JsonDocument.Parse(utf8, ReaderOptions);
        return document.RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter writer, ErlangTerm term, int depth)
    {
        if (depth > MaxDepth)
        {
            writer.WriteStringValue(Failures.ExesdbFailures.Quote(term));
            return;
        }

        switch (term)
        {
            case ErlMap map:
                WriteMap(writer, map, depth);
                break;
            case ErlList { IsProper: true } list:
                WriteArray(writer, list.Elements, depth);
                break;
            case ErlTuple tuple:
                WriteArray(writer, tuple.Elements, depth);
                break;
            case ErlBinary binary:
                if (binary.TryGetUtf8(out var text))
                {
                    writer.WriteStringValue(text);
                }
                else
                {
                    writer.WriteBase64StringValue(binary.Bytes.Span);
                }

                break;
            case ErlAtom atom when atom == ErlAtom.True:
                writer.WriteBooleanValue(true);
                break;
            case ErlAtom atom when atom == ErlAtom.False:
                writer.WriteBooleanValue(false);
                break;
            case ErlAtom atom when atom == ErlAtom.Nil:
                writer.WriteNullValue();
                break;
            case ErlAtom atom:
                writer.WriteStringValue(atom.Name);
                break;
            case ErlInteger { FitsInt64: true } integer:
                writer.WriteNumberValue(integer.Int64Value);
                break;
            case ErlInteger integer:
                writer.WriteRawValue(integer.Value.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            case ErlFloat number:
                writer.WriteNumberValue(number.Value);
                break;
            default:
                // Pids, references, ports, funs, bitstrings, improper lists: no JSON counterpart.
                writer.WriteStringValue(term.ToString());
                break;
        }
    }

    private static void WriteArray(Utf8JsonWriter writer, System.Collections.Immutable.ImmutableArray<ErlangTerm> elements, int depth)
    {
        writer.WriteStartArray();
        foreach (var element in elements)
        {
            Write(writer, element, depth + 1);
        }

        writer.WriteEndArray();
    }

    private static void WriteMap(Utf8JsonWriter writer, ErlMap map, int depth)
    {
        if (ElixirCalendar.TryFormatIso8601(map, out var iso))
        {
            writer.WriteStringValue(iso);
            return;
        }

        writer.WriteStartObject();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Pairs)
        {
            writer.WritePropertyName(UniqueName(names, key));
            Write(writer, value, depth + 1);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// The key's text; when two keys read the same (atom <c>a</c> and binary <c>"a"</c>), the
    /// later one in wire order gets its Erlang syntax, then a counter, so no value is lost.
    /// </summary>
    private static string UniqueName(HashSet<string> names, ErlangTerm key)
    {
        var name = KeyText(key);
        if (names.Add(name))
        {
            return name;
        }

        var syntax = key.ToString();
        if (names.Add(syntax))
        {
            return syntax;
        }

        for (var n = 2; ; n++)
        {
            var numbered = string.Create(CultureInfo.InvariantCulture, $"{syntax}#{n}");
            if (names.Add(numbered))
            {
                return numbered;
            }
        }
    }

    /// <summary>The text a map key stands for in JSON.</summary>
    public static string KeyText(ErlangTerm key) => key switch
    {
        ErlAtom atom => atom.Name,
        ErlBinary binary when binary.TryGetUtf8(out var text) => text,
        ErlInteger integer => integer.Value.ToString(CultureInfo.InvariantCulture),
        _ => key.ToString(),
    };
}
