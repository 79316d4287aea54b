using System.Collections.Immutable;

namespace EsdbGater.Erlang.Terms;

/// <summary>
/// A list: proper when <see cref="Tail"/> is the empty list, improper otherwise. Erlang strings
/// (char lists) are lists of small integers; <see cref="FromString"/> builds one and
/// <see cref="TryGetString"/> reads one back.
/// </summary>
public sealed class ErlList : ErlangTerm
{
    /// <summary>The empty list <c>[]</c> (NIL).</summary>
    public static readonly ErlList Empty = new();

    private ErlList()
    {
        Elements = [];
        Tail = this;
    }

    public ErlList(ImmutableArray<ErlangTerm> elements)
        : this(elements, Empty)
    {
    }

    /// <summary>
    /// An improper list when <paramref name="tail"/> is not a list. A non-empty list as the tail
    /// is spliced in, because <c>[1|[2]]</c> is the list <c>[1,2]</c> in Erlang and must compare equal to it.
    /// </summary>
    public ErlList(ImmutableArray<ErlangTerm> elements, ErlangTerm tail)
    {
        ArgumentNullException.ThrowIfNull(tail);
        if (tail is ErlList { Elements.IsEmpty: false } tailList)
        {
            elements = elements.IsDefaultOrEmpty ? tailList.Elements : elements.AddRange(tailList.Elements);
            tail = tailList.Tail;
        }

        var tailIsNil = tail is ErlList { Elements.IsEmpty: true };
        if (elements.IsDefaultOrEmpty && !tailIsNil)
        {
            throw new ArgumentException("An improper list needs at least one element.", nameof(tail));
        }

        Elements = elements.IsDefault ? [] : elements;
        Tail = tailIsNil ? Empty : tail;
    }

    public ImmutableArray<ErlangTerm> Elements { get; }

    /// <summary>The tail after the last element; <see cref="Empty"/> for a proper list.</summary>
    public ErlangTerm Tail { get; }

    public bool IsEmpty => Elements.IsEmpty;

    public bool IsProper => ReferenceEquals(Tail, Empty) || ReferenceEquals(Tail, this);

    public int Count => Elements.Length;

    public ErlangTerm this[int index] => Elements[index];

    public static ErlList Of(params ErlangTerm[] elements) =>
        elements.Length == 0 ? Empty : new ErlList(ImmutableArray.Create(elements));

    /// <summary>An Erlang string: the list of the text's Unicode code points.</summary>
    public static ErlList FromString(string text)
    {
        var builder = ImmutableArray.CreateBuilder<ErlangTerm>(text.Length);
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            builder.Add(ErlInteger.Of(char.ConvertToUtf32(text, i)));
        }

        return builder.Count == 0 ? Empty : new ErlList(builder.MoveToImmutable());
    }

    /// <summary>Reads a proper list of code points (an Erlang string) as text.</summary>
    public bool TryGetString(out string text)
    {
        text = string.Empty;
        if (!IsProper)
        {
            return false;
        }

        var sb = new System.Text.StringBuilder(Elements.Length);
        foreach (var e in Elements)
        {
            if (e is not ErlInteger { FitsInt64: true } i || i.Int64Value is < 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF))
            {
                return false;
            }

            sb.Append(char.ConvertFromUtf32((int)i.Int64Value));
        }

        text = sb.ToString();
        return true;
    }

    public override bool Equals(ErlangTerm? other) =>
        ReferenceEquals(this, other)
        || (other is ErlList l && ElementsEqual(Elements, l.Elements) && (IsProper ? l.IsProper : Tail.Equals(l.Tail)));

    public override int GetHashCode()
    {
        var hash = HashElements(Elements);
        if (!IsProper)
        {
            hash.Add(Tail);
        }

        return hash.ToHashCode();
    }

    public override void Format(System.Text.StringBuilder sb, int maxLength)
    {
        sb.Append('[');
        if (!IsEmpty && CanFormatElements(sb, maxLength))
        {
            AppendElements(sb, Elements.AsSpan(), maxLength);
            if (!IsProper)
            {
                sb.Append('|');
                Tail.Format(sb, maxLength);
            }
        }

        sb.Append(']');
    }
}
