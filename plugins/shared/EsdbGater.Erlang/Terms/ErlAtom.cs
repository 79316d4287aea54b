using System.Collections.Concurrent;

namespace EsdbGater.Erlang.Terms;

/// <summary>
/// An atom. Common atoms are interned so that comparisons are usually reference checks; the
/// intern table is capped so that hostile peers sending endless new atoms cannot grow it.
/// </summary>
public sealed class ErlAtom : ErlangTerm
{
    private const int MaxInterned = 65_536;
    private static readonly ConcurrentDictionary<string, ErlAtom> Interned = new(StringComparer.Ordinal);

    public static readonly ErlAtom Ok = Of("ok");
    public static readonly ErlAtom Error = Of("error");
    public static readonly ErlAtom True = Of("true");
    public static readonly ErlAtom False = Of("false");
    public static readonly ErlAtom Nil = Of("nil");
    public static readonly ErlAtom Undefined = Of("undefined");
    public static readonly ErlAtom Empty = Of("");

    private ErlAtom(string name) => Name = name;

    /// <summary>The atom's text.</summary>
    public string Name { get; }

    /// <summary>The atom named <paramref name="name"/>; at most 255 characters, as in Erlang.</summary>
    public static ErlAtom Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Interned.TryGetValue(name, out var atom))
        {
            return atom;
        }

        if (name.Length > 255)
        {
            throw new ArgumentException("Atoms are limited to 255 characters.", nameof(name));
        }

        atom = new ErlAtom(name);
        return Interned.Count < MaxInterned ? Interned.GetOrAdd(name, atom) : atom;
    }

    public void Deconstruct(out string name) => name = Name;

    public override bool Equals(ErlangTerm? other) =>
        ReferenceEquals(this, other) || (other is ErlAtom a && string.Equals(Name, a.Name, StringComparison.Ordinal));

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    public override void Format(System.Text.StringBuilder sb, int maxLength)
    {
        if (IsBareAtom(Name))
        {
            sb.Append(Name);
            return;
        }

        sb.Append('\'');
        foreach (var c in Name)
        {
            if (c is '\'' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        sb.Append('\'');
    }

    private static bool IsBareAtom(string name)
    {
        if (name.Length == 0 || !char.IsAsciiLetterLower(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '@'))
            {
                return false;
            }
        }

        return true;
    }

    public static implicit operator string(ErlAtom atom) => atom.Name;
}
