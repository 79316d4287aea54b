namespace EsdbGater.Erlang.Terms;

/// <summary>An external fun, <c>fun Module:Function/Arity</c> (EXPORT_EXT).</summary>
public sealed class ErlExport(ErlAtom module, ErlAtom function, int arity) : ErlangTerm
{
    public ErlAtom Module { get; } = module;

    public ErlAtom Function { get; } = function;

    public int Arity { get; } = arity;

    public override bool Equals(ErlangTerm? other) =>
        other is ErlExport e && e.Arity == Arity && e.Module.Equals(Module) && e.Function.Equals(Function);

    public override int GetHashCode() => HashCode.Combine(Module, Function, Arity);

    public override void Format(System.Text.StringBuilder sb, int maxLength)
    {
        sb.Append("fun ");
        Module.Format(sb, maxLength);
        sb.Append(':');
        Function.Format(sb, maxLength);
        sb.Append('/').Append(Arity);
    }
}
