namespace EsdbGater.Erlang.Terms;

/// <summary>A float. Erlang has no NaN or infinities; the encoder refuses them.</summary>
public sealed class ErlFloat(double value) : ErlangTerm
{
    public double Value { get; } = value;

    public void Deconstruct(out double value) => value = Value;

    public override bool Equals(ErlangTerm? other) => other is ErlFloat f && f.Value.Equals(Value);

    public override int GetHashCode() => Value.GetHashCode();

    public override void Format(System.Text.StringBuilder sb, int maxLength) =>
        sb.Append(Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
}
