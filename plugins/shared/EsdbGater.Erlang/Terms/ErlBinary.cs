using System.Text;

namespace EsdbGater.Erlang.Terms;

/// <summary>A binary (a whole number of bytes). Elixir strings are UTF-8 binaries.</summary>
public sealed class ErlBinary : ErlangTerm
{
    public static readonly ErlBinary Empty = new(ReadOnlyMemory<byte>.Empty);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Wraps <paramref name="bytes"/> without copying; the caller must not change them afterwards.</summary>
    public ErlBinary(ReadOnlyMemory<byte> bytes) => Bytes = bytes;

    public ReadOnlyMemory<byte> Bytes { get; }

    public static ErlBinary FromUtf8(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>The bytes as UTF-8 text, or false when they are not valid UTF-8.</summary>
    public bool TryGetUtf8(out string text)
    {
        try
        {
            text = StrictUtf8.GetString(Bytes.Span);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            return false;
        }
    }

    public override bool Equals(ErlangTerm? other) =>
        other is ErlBinary b && Bytes.Span.SequenceEqual(b.Bytes.Span);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes.Span);
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
        var span = Bytes.Span;
        for (var i = 0; i < span.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            if (sb.Length > maxLength)
            {
                sb.Append("...");
                break;
            }

            sb.Append(span[i]);
        }

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
