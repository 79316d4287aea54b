namespace EsdbGater.Erlang.Terms;

/// <summary>
/// A closure (NEW_FUN_EXT), kept as its raw encoded bytes: .NET cannot run it, but can hold it
/// and send it back unchanged.
/// </summary>
public sealed class ErlFun(ErlAtom module, int arity, ReadOnlyMemory<byte> encoded) : ErlangTerm
{
    /// <summary>The module the fun was defined in.</summary>
    public ErlAtom Module { get; } = module;

    public int Arity { get; } = arity;

    /// <summary>The complete encoding, starting with the tag byte 112.</summary>
    public ReadOnlyMemory<byte> Encoded { get; } = encoded;

    public override bool Equals(ErlangTerm? other) => other is ErlFun f && f.Encoded.Span.SequenceEqual(Encoded.Span);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Encoded.Span);
        return hash.ToHashCode();
    }

    public override void Format(System.Text.StringBuilder sb, int maxLength) =>
        sb.Append("#Fun<").Append(Module.Name).Append('/').Append(Arity).Append('>');
}
