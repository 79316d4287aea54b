using System.Buffers.Binary;

namespace EsdbGater.Erlang.Terms;

/// <summary>
/// Maps the encoded bytes of recently decoded atoms to their <see cref="ErlAtom"/>, so that the
/// few dozen atoms every ExESDB message repeats (struct names, map keys) cost a hash of a few
/// words and one byte comparison instead of a UTF-8 transcode and a dictionary lookup.
/// </summary>
/// <remarks>
/// Direct-mapped and lossy: a slot holds one immutable entry and a colliding atom replaces it.
/// Slots are written without locks; a reader sees either the old or the new entry, both valid.
/// Hostile input can only make entries miss, and the table's size is fixed.
/// </remarks>
internal static class AtomDecodeCache
{
    private const int Slots = 1024;
    private const int MaxCachedLength = 64;
    private static readonly Entry?[] Entries = new Entry?[Slots];

    public static ErlAtom? Find(ReadOnlySpan<byte> encoded, bool latin1)
    {
        if (encoded.Length > MaxCachedLength)
        {
            return null;
        }

        var entry = Entries[Slot(encoded, latin1)];
        return entry is not null && entry.Latin1 == latin1 && encoded.SequenceEqual(entry.Encoded) ? entry.Atom : null;
    }

    public static void Add(ReadOnlySpan<byte> encoded, bool latin1, ErlAtom atom)
    {
        if (encoded.Length <= MaxCachedLength)
        {
            Entries[Slot(encoded, latin1)] = new Entry(encoded.ToArray(), latin1, atom);
        }
    }

    /// <summary>A cheap mix of the length and the first and last eight bytes: enough to spread atom names.</summary>
    private static int Slot(ReadOnlySpan<byte> encoded, bool latin1)
    {
        ulong head, tail;
        if (encoded.Length >= sizeof(ulong))
        {
            head = BinaryPrimitives.ReadUInt64LittleEndian(encoded);
            tail = BinaryPrimitives.ReadUInt64LittleEndian(encoded[^sizeof(ulong)..]);
        }
        else
        {
            head = 0;
            foreach (var b in encoded)
            {
                head = (head << 8) | b;
            }

            tail = 0;
        }

        var hash = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ ((ulong)encoded.Length << 1) ^ (latin1 ? 1UL : 0UL);
        return (int)((hash ^ (hash >> 29)) >> 32) & (Slots - 1);
    }

    private sealed record Entry(byte[] Encoded, bool Latin1, ErlAtom Atom);
}
