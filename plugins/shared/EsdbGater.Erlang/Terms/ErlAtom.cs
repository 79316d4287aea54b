using System.Collections.Concurrent;
using System.Text;

namespace EsdbGater.Erlang.Terms;

/// <summary>
/// An atom. Common atoms are interned so that comparisons are usually reference checks; the
/// intern table is capped so that hostile peers sending endless new atoms cannot grow it.
/// </summary>
public sealed class ErlAtom : ErlangTerm
{
    private const int MaxInterned = 65_536;
    private const int MaxCodePoints = 255;
    private static readonly ConcurrentDictionary<string, ErlAtom> Interned = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, ErlAtom>.AlternateLookup<ReadOnlySpan<char>> InternedBySpan =
        Interned.GetAlternateLookup<ReadOnlySpan<char>>();

    public static readonly ErlAtom Ok = Of("ok");
    public static readonly ErlAtom Error = Of("error");
    public static readonly ErlAtom True = Of("true");
    public static readonly ErlAtom False = Of("false");
    public static readonly ErlAtom Nil = Of("nil");
    public static readonly ErlAtom Undefined = Of("undefined");
    public static readonly ErlAtom Empty = Of("");

    private static int _internedCount;

    // Two interned atoms are equal only when they are the same object, which makes the common
    // comparison (map keys, record tags) a reference check even when the names differ.
    private readonly bool _interned;
    private readonly int _hash;
    private byte[]? _utf8;

    private ErlAtom(string name, bool interned)
    {
        Name = name;
        _interned = interned;
        _hash = StringComparer.Ordinal.GetHashCode(name);
    }

    /// <summary>The atom's text.</summary>
    public string Name { get; }

    /// <summary>The name as UTF-8, computed once: the encoder writes it for every occurrence.</summary>
    internal byte[] Utf8 => _utf8 ??= Encoding.UTF8.GetBytes(Name);

    /// <summary>The atom named <paramref name="name"/>; at most 255 characters (code points), as in Erlang.</summary>
    public static ErlAtom Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Interned.TryGetValue(name, out var atom) ? atom : Create(name);
    }

    /// <summary>
    /// The atom named by <paramref name="name"/>, without allocating a string when the atom is
    /// already interned (the decoder's hot path).
    /// </summary>
    internal static ErlAtom Of(ReadOnlySpan<char> name) =>
        InternedBySpan.TryGetValue(name, out var atom) ? atom : Create(name.ToString());

    /// <summary>True when <paramref name="name"/> is short enough to be an atom.</summary>
    internal static bool IsValidLength(ReadOnlySpan<char> name) =>
        name.Length <= MaxCodePoints || (name.Length <= 2 * MaxCodePoints && CountCodePoints(name) <= MaxCodePoints);

    private static ErlAtom Create(string name)
    {
        // Erlang counts characters, not UTF-16 units: 255 emoji are a valid atom.
        if (!IsValidLength(name))
        {
            throw new ArgumentException("Atoms are limited to 255 characters.", nameof(name));
        }

        if (Volatile.Read(ref _internedCount) >= MaxInterned)
        {
            return new ErlAtom(name, interned: false);
        }

        var atom = new ErlAtom(name, interned: true);
        var winner = Interned.GetOrAdd(name, atom);
        if (ReferenceEquals(winner, atom))
        {
            Interlocked.Increment(ref _internedCount);
        }

        return winner;
    }

    private static int CountCodePoints(ReadOnlySpan<char> name)
    {
        var count = name.Length;
        foreach (var c in name)
        {
            if (char.IsLowSurrogate(c))
            {
                count--;
            }
        }

        return count;
    }

    public void Deconstruct(out string name) => name = Name;

    public override bool Equals(ErlangTerm? other) =>
        ReferenceEquals(this, other)
        || (other is ErlAtom a && !(_interned && a._interned) && string.Equals(Name, a.Name, StringComparison.Ordinal));

    public override int GetHashCode() => _hash;

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
