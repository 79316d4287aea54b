using System.Collections.Immutable;

namespace EsdbGater.Erlang.Terms;

/// <summary>A tuple. Pattern-friendly: <c>t is ErlTuple { Elements: [ErlAtom("ok"), var v] }</c>.</summary>
public sealed class ErlTuple(ImmutableArray<ErlangTerm> elements) : ErlangTerm
{
    public ImmutableArray<ErlangTerm> Elements { get; } = elements.IsDefault ? [] : elements;

    public int Arity => Elements.Length;

    public ErlangTerm this[int index] => Elements[index];

    public static ErlTuple Of(params ErlangTerm[] elements) => new(ImmutableArray.Create(elements));

    public override bool Equals(ErlangTerm? other) =>
        ReferenceEquals(this, other) || (other is ErlTuple t && ElementsEqual(Elements, t.Elements));

    public override int GetHashCode() => HashElements(Elements).ToHashCode();

    public override void Format(System.Text.StringBuilder sb, int maxLength)
    {
        sb.Append('{');
        if (!Elements.IsEmpty && CanFormatElements(sb, maxLength))
        {
            AppendElements(sb, Elements.AsSpan(), maxLength);
        }

        sb.Append('}');
    }
}
