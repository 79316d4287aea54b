using System.Text;

namespace EsdbGater.Erlang.Terms;

/// <summary>A binary (a whole number of bytes). Elixir strings are UTF-8 binaries.</summary>
public sealed class ErlBinary : ErlangTerm
{
    public static readonly ErlBinary Empty = new(ReadOnlyMemory<byte>.Empty);

    /// <summary>Wraps <paramref name="bytes"/> without copying; the caller must not change them afterwards.</summary>
    public ErlBinary(ReadOnlyMemory<byte> bytes) => Bytes = bytes;

    public ReadOnlyMemory<byte> Bytes { get; }

    public static ErlBinary FromUtf8(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>The bytes as UTF-8 text, or false when they are not valid UTF-8.</summary>
    public bool TryGetUtf8(out string text)
    {
        // Validate first: invalid UTF-8 is common in binary payloads and exceptions are slow.
        if (!System.Text.Unicode.Utf8.IsValid(Bytes.Span))
        {
            text = string.Empty;
            return false;
        }

        text = Encoding.UTF8.GetString(Bytes.Span);
        return true;
    }

    /// <summary>Equal to another binary with the same bytes, and to a bit binary whose last byte is whole.</summary>
    public override bool Equals(ErlangTerm? other) => other switch
    {
        ErlBinary b => Bytes.Span.SequenceEqual(b.Bytes.Span),
        ErlBitBinary { BitsInLastByte: 8 } b => Bytes.Span.SequenceEqual(b.Bytes.Span),
        _ => false,
    };

    public override int GetHashCode() => HashBytes(Bytes.Span);

    internal static int HashBytes(ReadOnlySpan<byte> bytes)
    {
        var hash = new HashCode();
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }

    public override void Format(StringBuilder sb, int maxLength)
    {
        if (TryGetUtf8(out var text) && !text.Any(char.IsControl))
        {
            sb.Append("<<\"");
            AppendTruncated(sb, text.Replace("\\", "\\\\").Replace("\"", "\\\""), maxLength);
            sb.Append("\">>");
            return;
        }

        sb.Append("<<");
        AppendSeparated(sb, Bytes.Span, maxLength, static (builder, b, _) => builder.Append(b));
        sb.Append(">>");
    }

    internal static void AppendTruncated(StringBuilder sb, string text, int maxLength)
    {
        var room = Math.Max(0, maxLength - sb.Length);
        if (text.Length <= room)
        {
            sb.Append(text);
        }
        else
        {
            sb.Append(text, 0, room).Append("...");
        }
    }
}
