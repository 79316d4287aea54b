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

    public override bool Equals(ErlangTerm? other) =>
        other is ErlBitBinary b && b.BitsInLastByte == BitsInLastByte && Bytes.Span.SequenceEqual(b.Bytes.Span);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes.Span);
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
