using System.Text;

namespace EsdbGater.Host.Api.Validation;

/// <summary>
/// Text that ends up in ExESDB keys and atoms must be printable: no control characters and valid
/// UTF-16 (a lone surrogate cannot be encoded as UTF-8, so it would never round-trip).
/// </summary>
internal static class PrintableTextRule
{
    /// <summary>Null when printable, otherwise what is wrong and where.</summary>
    public static string? Check(string value)
    {
        var index = 0;
        foreach (var rune in EnumerateOrFail(value))
        {
            if (rune is null)
            {
                return $"it contains an invalid UTF-16 sequence at position {index}.";
            }

            if (Rune.IsControl(rune.Value) || rune.Value.Value is 0xFEFF or 0xFFFE or 0xFFFF)
            {
                return $"it contains a control or non-character (U+{rune.Value.Value:X4}) at position {index}.";
            }

            index++;
        }

        return null;
    }

    /// <summary>Length in Unicode scalar values: what an Erlang atom's 255-character limit counts.</summary>
    public static int CodePointLength(string value)
    {
        var length = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            length++;
        }

        return length;
    }

    private static IEnumerable<Rune?> EnumerateOrFail(string value)
    {
        var i = 0;
        while (i < value.Length)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                yield return null;
                yield break;
            }

            yield return rune;
            i += consumed;
        }
    }
}
