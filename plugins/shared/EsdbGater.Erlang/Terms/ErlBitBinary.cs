namespace EsdbGater.Erlang.Terms;

/// <summary>A bitstring whose last byte holds only <see cref="BitsInLastByte"/> bits (1..8, most significant first).</summary>
public sealed class ErlBitBinary : ErlangTerm
{
    public ErlBitBinary(ReadOnlyMemory<byte> bytes, int bitsInLastByte)
    {
        if (bytes.Length == 0 || bitsInLastByte is < 1 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(bitsInLastByte), "A bit binary needs at least one byte and 1..8 bits in its last byte.");
        }

        Bytes = bytes;
        BitsInLastByte = bitsInLastByte;
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    public int BitsInLastByte { get; }

    public long BitLength => ((long)Bytes.Length - 1) * 8 + BitsInLastByte;

    /// <summary>The last byte with its unused low bits cleared: they are not part of the value.</summary>
    internal byte MaskedLastByte => (byte)(Bytes.Span[^1] & (0xFF << (8 - BitsInLastByte)));

    /// <summary>
    /// Compares as Erlang does: the unused bits of the last byte do not count, and a bit binary
    /// with 8 bits in its last byte is the same value as the <see cref="ErlBinary"/> of its bytes.
    /// </summary>
    public override bool Equals(ErlangTerm? other) => other switch
    {
        ErlBitBinary b => b.BitsInLastByte == BitsInLastByte
            && Bytes.Span[..^1].SequenceEqual(b.Bytes.Span[..^1])
            && b.MaskedLastByte == MaskedLastByte,
        ErlBinary b => BitsInLastByte == 8 && Bytes.Span.SequenceEqual(b.Bytes.Span),
        _ => false,
    };

    public override int GetHashCode()
    {
        if (BitsInLastByte == 8)
        {
            return ErlBinary.HashBytes(Bytes.Span);
        }

        var hash = new HashCode();
        hash.AddBytes(Bytes.Span[..^1]);
        hash.Add(MaskedLastByte);
        hash.Add(BitsInLastByte);
        return hash.ToHashCode();
    }

    public override void Format(System.Text.StringBuilder sb, int maxLength)
    {
        sb.Append("<<");
        var span = Bytes.Span;
        for (var i = 0; i < span.Length - 1 && sb.Length < maxLength; i++)
        {
            sb.Append(span[i]).Append(',');
        }

        var last = span[^1] >> (8 - BitsInLastByte);
        sb.Append(last).Append(':').Append(BitsInLastByte).Append(">>");
    }
}
