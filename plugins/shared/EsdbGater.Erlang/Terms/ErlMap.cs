using System.Collections.Immutable;

namespace EsdbGater.Erlang.Terms;

/// <summary>
/// A map. Pair order carries no meaning (OTP 27 does not even sort small maps on the wire), so
/// equality and hashing ignore it. Lookups are linear below a small size and hashed above it.
/// </summary>
public sealed class ErlMap : ErlangTerm
{
    private const int LinearLookupLimit = 16;
    public static readonly ErlMap Empty = new() { Pairs = [] };
    private Dictionary<ErlangTerm, ErlangTerm>? _index;

    /// <summary>
    /// A map of <paramref name="pairs"/>, whose keys must be distinct: a BEAM node refuses a map
    /// with a repeated key and drops the whole connection that carried it.
    /// </summary>
    /// <exception cref="ArgumentException">Two pairs have equal keys.</exception>
    public ErlMap(ImmutableArray<KeyValuePair<ErlangTerm, ErlangTerm>> pairs)
    {
        Pairs = pairs.IsDefault ? [] : pairs;
        if (IndexOfDuplicateKey(Pairs.AsSpan()) is var duplicate and >= 0)
        {
            throw new ArgumentException($"The key {Pairs[duplicate].Key} appears twice.", nameof(pairs));
        }
    }

    private ErlMap()
    {
    }

    public ImmutableArray<KeyValuePair<ErlangTerm, ErlangTerm>> Pairs { get; private init; }

    public int Count => Pairs.Length;

    public static ErlMap Of(params (ErlangTerm Key, ErlangTerm Value)[] pairs) =>
        new(pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)).ToImmutableArray());

    /// <summary>Wraps pairs whose keys the caller has already checked with <see cref="IndexOfDuplicateKey"/>.</summary>
    internal static ErlMap FromDistinctPairs(ImmutableArray<KeyValuePair<ErlangTerm, ErlangTerm>> pairs) =>
        pairs.IsEmpty ? Empty : new ErlMap { Pairs = pairs };

    /// <summary>The index of the first pair whose key an earlier pair already has, or -1.</summary>
    internal static int IndexOfDuplicateKey(ReadOnlySpan<KeyValuePair<ErlangTerm, ErlangTerm>> pairs)
    {
        if (pairs.Length <= LinearLookupLimit)
        {
            // Hash each key once, then compare hashes pairwise: a struct's dozen atom keys cost
            // a few dozen integer comparisons, and Equals runs only when hashes collide.
            Span<int> hashes = stackalloc int[pairs.Length];
            for (var i = 0; i < pairs.Length; i++)
            {
                hashes[i] = pairs[i].Key.GetHashCode();
                for (var j = 0; j < i; j++)
                {
                    if (hashes[j] == hashes[i] && pairs[i].Key.Equals(pairs[j].Key))
                    {
                        return i;
                    }
                }
            }

            return -1;
        }

        var seen = new HashSet<ErlangTerm>(pairs.Length);
        for (var i = 0; i < pairs.Length; i++)
        {
            if (!seen.Add(pairs[i].Key))
            {
                return i;
            }
        }

        return -1;
    }

    public bool TryGetValue(ErlangTerm key, out ErlangTerm value)
    {
        if (Pairs.Length <= LinearLookupLimit)
        {
            foreach (var pair in Pairs)
            {
                if (pair.Key.Equals(key))
                {
                    value = pair.Value;
                    return true;
                }
            }

            value = null!;
            return false;
        }

        var index = _index ??= BuildIndex();
        return index.TryGetValue(key, out value!);
    }

    /// <summary>The value under the atom key <paramref name="atomKey"/> (Elixir struct fields), or null.</summary>
    public ErlangTerm? this[string atomKey] => TryGetValue(ErlAtom.Of(atomKey), out var v) ? v : null;

    public ErlangTerm? this[ErlangTerm key] => TryGetValue(key, out var v) ? v : null;

    public override bool Equals(ErlangTerm? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is not ErlMap m || m.Pairs.Length != Pairs.Length)
        {
            return false;
        }

        EnsureStack();

        foreach (var pair in Pairs)
        {
            if (!m.TryGetValue(pair.Key, out var v) || !v.Equals(pair.Value))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        // Order-independent: combine pair hashes commutatively.
        EnsureStack();
        var acc = Pairs.Length;
        foreach (var pair in Pairs)
        {
            acc += HashCode.Combine(pair.Key, pair.Value);
        }

        return acc;
    }

    public override void Format(System.Text.StringBuilder sb, int maxLength)
    {
        sb.Append("#{");
        if (!Pairs.IsEmpty && CanFormatElements(sb, maxLength))
        {
            AppendSeparated(sb, Pairs.AsSpan(), maxLength, static (builder, pair, limit) =>
            {
                pair.Key.Format(builder, limit);
                builder.Append(" => ");
                pair.Value.Format(builder, limit);
            });
        }

        sb.Append('}');
    }

    private Dictionary<ErlangTerm, ErlangTerm> BuildIndex()
    {
        var index = new Dictionary<ErlangTerm, ErlangTerm>(Pairs.Length);
        foreach (var pair in Pairs)
        {
            index.TryAdd(pair.Key, pair.Value);
        }

        return index;
    }
}
