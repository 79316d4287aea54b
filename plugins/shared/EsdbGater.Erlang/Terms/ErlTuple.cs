using System.Collections.Immutable;

namespace EsdbGater.Erlang.Terms;

/// <summary>A tuple. Pattern-friendly: <c>t is ErlTuple { Elements: [ErlAtom("ok"), var v] }</c>.</summary>
public sealed class ErlTuple(ImmutableArray<ErlangTerm> elements) : ErlangTerm
{
    public ImmutableArray<ErlangTerm> Elements { get; } = elements.IsDefault ? [] : elements;

    public int Arity => Elements.Length;

    public ErlangTerm this[int index] => Elements[index];

    public static ErlTuple Of(params ErlangTerm[] elements) => new(ImmutableArray.Create(elements));

    public override bool Equals(ErlangTerm? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is not ErlTuple t || t.Elements.Length != Elements.Length)
        {
            return false;
        }

        EnsureStack();

        for (var i = 0; i < Elements.Length; i++)
        {
            if (!Elements[i].Equals(t.Elements[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        EnsureStack();
        var hash = new HashCode();
        hash.Add(Elements.Length);
        foreach (var e in Elements)
        {
            hash.Add(e);
        }

        return hash.ToHashCode();
    }

    public override void Format(System.Text.StringBuilder sb, int maxLength)
    {
        sb.Append('{');
        if (Elements.Length > 0 && !CanFormatElements(sb, maxLength))
        {
            sb.Append('}');
            return;
        }

        for (var i = 0; i < Elements.Length; i++)
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

            Elements[i].Format(sb, maxLength);
        }

        sb.Append('}');
    }
}
