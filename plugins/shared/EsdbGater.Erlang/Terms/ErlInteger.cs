using System.Numerics;
using System.Runtime.CompilerServices;

namespace EsdbGater.Erlang.Terms;

/// <summary>An integer of any size. Values that fit in 64 bits are kept as <see cref="long"/>.</summary>
public sealed class ErlInteger : ErlangTerm
{
    private static readonly ErlInteger[] Small = CreateSmall();
    private readonly long _small;

    // Boxed rather than BigInteger? so that the common 64-bit integer stays a 32-byte object.
    private readonly StrongBox<BigInteger>? _big;

    private ErlInteger(long value) => _small = value;

    private ErlInteger(BigInteger value) => _big = new StrongBox<BigInteger>(value);

    public static ErlInteger Of(long value) =>
        value is >= -1 and <= 255 ? Small[value + 1] : new ErlInteger(value);

    public static ErlInteger Of(BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue ? Of((long)value) : new ErlInteger(value);

    /// <summary>True when the value fits in <see cref="long"/>.</summary>
    public bool FitsInt64 => _big is null;

    /// <summary>The value; throws <see cref="OverflowException"/> when it does not fit in 64 bits.</summary>
    public long Int64Value => _big is null ? _small : throw new OverflowException($"{_big.Value} does not fit in 64 bits.");

    /// <summary>The value as an arbitrary-precision integer.</summary>
    public BigInteger Value => _big is null ? _small : _big.Value;

    public void Deconstruct(out BigInteger value) => value = Value;

    public override bool Equals(ErlangTerm? other) =>
        other is ErlInteger i && (_big is null && i._big is null ? _small == i._small : Value == i.Value);

    public override int GetHashCode() => _big is null ? _small.GetHashCode() : _big.Value.GetHashCode();

    public override void Format(System.Text.StringBuilder sb, int maxLength) =>
        sb.Append(_big is null ? _small.ToString(System.Globalization.CultureInfo.InvariantCulture) : _big.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static ErlInteger[] CreateSmall()
    {
        var small = new ErlInteger[257];
        for (var i = 0; i < small.Length; i++)
        {
            small[i] = new ErlInteger(i - 1);
        }

        return small;
    }
}
