namespace EsdbGater.Erlang.Terms;

/// <summary>
/// An Erlang term. Every subtype is immutable and compares structurally with Erlang's exact
/// equality (<c>=:=</c>): <c>1</c> and <c>1.0</c> differ, map pair order does not matter.
/// </summary>
public abstract partial class ErlangTerm : IEquatable<ErlangTerm>
{
    private protected ErlangTerm()
    {
    }

    public abstract bool Equals(ErlangTerm? other);

    public sealed override bool Equals(object? obj) => obj is ErlangTerm t && Equals(t);

    public abstract override int GetHashCode();

    /// <summary>Erlang syntax, for logs and error messages.</summary>
    public sealed override string ToString()
    {
        var sb = new System.Text.StringBuilder();
        Format(sb, maxLength: 4096);
        return sb.ToString();
    }

    /// <summary>Appends Erlang syntax, truncating with <c>...</c> past <paramref name="maxLength"/> characters.</summary>
    public abstract void Format(System.Text.StringBuilder sb, int maxLength);

    public static bool operator ==(ErlangTerm? a, ErlangTerm? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(ErlangTerm? a, ErlangTerm? b) => !(a == b);

    public static implicit operator ErlangTerm(long value) => ErlInteger.Of(value);

    public static implicit operator ErlangTerm(double value) => new ErlFloat(value);

    /// <summary>A .NET string is an Elixir string: a UTF-8 binary.</summary>
    public static implicit operator ErlangTerm(string value) => ErlBinary.FromUtf8(value);

    public static implicit operator ErlangTerm(bool value) => value ? ErlAtom.True : ErlAtom.False;
}
