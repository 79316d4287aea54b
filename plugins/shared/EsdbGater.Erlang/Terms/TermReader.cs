using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace EsdbGater.Erlang.Terms;

/// <summary>
/// Reads terms (tag and body, no version byte) from a span. Every count or length read from the
/// input is checked against the bytes that remain <em>before</em> anything is allocated for it,
/// so memory and work stay proportional to the input however its length fields lie. Every element
/// takes at least one byte, which is what makes "count ≤ bytes left" a sound bound.
/// Decoded terms never reference the input: it may be a pooled buffer that is reused afterwards.
/// </summary>
internal ref struct TermReader
{
    /// <summary>How often (in nesting levels) the remaining stack is checked: far more than 16 frames always fit in the guaranteed headroom.</summary>
    private const int StackCheckInterval = 16;
    private const int MaxAtomCharacters = 255;
    private const int MaxUtf8BytesPerCharacter = 4;
    private const int MaxReferenceWords = 5;
    private const int MinNewFunSize = 4 + 1 + 16 + 4 + 4;

    private static readonly ErlTuple EmptyTuple = new([]);

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _maxDepth;
    private int _position;

    public TermReader(ReadOnlySpan<byte> data, int start, int maxDepth)
    {
        _data = data;
        _position = start;
        _maxDepth = maxDepth;
    }

    /// <summary>The offset of the next unread byte.</summary>
    public readonly int Position => _position;

    private readonly int Remaining => _data.Length - _position;

    /// <summary>Reads one term; <paramref name="depth"/> is the number of containers around it.</summary>
    /// <remarks>
    /// This method and the container readers are the recursive path, so they keep small frames:
    /// the common tags are handled here and everything else in <see cref="ReadOther"/>.
    /// </remarks>
    public ErlangTerm ReadTerm(int depth)
    {
        var tag = ReadByte();
        return tag switch
        {
            ExternalTag.SmallInteger => ErlInteger.Of(ReadByte()),
            ExternalTag.Integer => ErlInteger.Of(ReadInt32()),
            ExternalTag.SmallAtomUtf8 => ReadAtomBody(ReadByte(), utf8: true),
            ExternalTag.Binary => ReadBinary(),
            ExternalTag.SmallTuple => ReadTuple(ReadByte(), depth),
            ExternalTag.Nil => ErlList.Empty,
            ExternalTag.List => ReadList(depth),
            ExternalTag.Map => ReadMap(depth),
            _ => ReadOther(tag, depth),
        };
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ErlangTerm ReadOther(byte tag, int depth) => tag switch
    {
        ExternalTag.AtomUtf8 => ReadAtomBody(ReadUInt16(), utf8: true),
        ExternalTag.SmallAtom => ReadAtomBody(ReadByte(), utf8: false),
        ExternalTag.Atom => ReadAtomBody(ReadUInt16(), utf8: false),
        ExternalTag.LargeTuple => ReadTuple(ReadCount(bytesPerItem: 1), depth),
        ExternalTag.String => ReadString(),
        ExternalTag.NewFloat => ReadNewFloat(),
        ExternalTag.SmallBig => ReadBig(ReadByte()),
        ExternalTag.LargeBig => ReadBig(ReadCount(bytesPerItem: 1)),
        ExternalTag.BitBinary => ReadBitBinary(),
        ExternalTag.NewPid => ReadPid(wideCreation: true),
        ExternalTag.Pid => ReadPid(wideCreation: false),
        ExternalTag.NewerReference => ReadReference(wideCreation: true),
        ExternalTag.NewReference => ReadReference(wideCreation: false),
        ExternalTag.Reference => ReadOldReference(),
        ExternalTag.V4Port => new ErlPort(ReadAtom(), ReadUInt64(), ReadUInt32()),
        ExternalTag.NewPort => new ErlPort(ReadAtom(), ReadUInt32(), ReadUInt32()),
        ExternalTag.Port => new ErlPort(ReadAtom(), ReadUInt32(), ReadByte()),
        ExternalTag.Export => ReadExport(),
        ExternalTag.NewFun => ReadNewFun(depth),
        ExternalTag.Float => ReadOldFloat(),
        _ => throw Unsupported(tag),
    };

    private ErlAtom ReadAtom()
    {
        var tag = ReadByte();
        return tag switch
        {
            ExternalTag.SmallAtomUtf8 => ReadAtomBody(ReadByte(), utf8: true),
            ExternalTag.AtomUtf8 => ReadAtomBody(ReadUInt16(), utf8: true),
            ExternalTag.SmallAtom => ReadAtomBody(ReadByte(), utf8: false),
            ExternalTag.Atom => ReadAtomBody(ReadUInt16(), utf8: false),
            _ => throw Error($"expected an atom, found tag {tag}", _position - 1),
        };
    }

    private ErlAtom ReadAtomBody(int length, bool utf8)
    {
        var start = _position;
        var bytes = ReadBytes(length);
        if (AtomDecodeCache.Find(bytes, latin1: !utf8) is { } cached)
        {
            return cached;
        }

        var atom = DecodeAtom(bytes, utf8, start);
        AtomDecodeCache.Add(bytes, latin1: !utf8, atom);
        return atom;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ErlAtom DecodeAtom(ReadOnlySpan<byte> bytes, bool utf8, int start)
    {
        var length = bytes.Length;
        var maxBytes = utf8 ? MaxAtomCharacters * MaxUtf8BytesPerCharacter : MaxAtomCharacters;
        if (length > maxBytes)
        {
            throw Error("atom longer than 255 characters", start);
        }

        // Decoding into a stack buffer lets an interned atom be found without allocating a string.
        Span<char> chars = stackalloc char[length];
        if (!utf8)
        {
            return ErlAtom.Of(chars[..Encoding.Latin1.GetChars(bytes, chars)]);
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            throw Error("atom is not valid UTF-8", start);
        }

        chars = chars[..Encoding.UTF8.GetChars(bytes, chars)];
        if (!ErlAtom.IsValidLength(chars))
        {
            throw Error("atom longer than 255 characters", start);
        }

        return ErlAtom.Of(chars);
    }

    private ErlangTerm ReadBinary()
    {
        var length = ReadCount(bytesPerItem: 1);
        return length == 0 ? ErlBinary.Empty : new ErlBinary(ReadBytes(length).ToArray());
    }

    private ErlangTerm ReadBitBinary()
    {
        var start = _position - 1;
        var length = ReadCount(bytesPerItem: 1);
        var bits = ReadByte();
        if (length == 0 && bits == 0)
        {
            return ErlBinary.Empty;
        }

        if (length == 0 || bits is 0 or > 8)
        {
            throw Error($"bit binary of {length} bytes cannot have {bits} bits in its last byte", start);
        }

        var bytes = ReadBytes(length).ToArray();
        if (bits == 8)
        {
            return new ErlBinary(bytes);
        }

        // OTP ignores the unused low bits; clearing them keeps equality and re-encoding exact.
        bytes[^1] &= (byte)(0xFF << (8 - bits));
        return new ErlBitBinary(bytes, bits);
    }

    private ErlangTerm ReadTuple(int arity, int depth)
    {
        if (arity == 0)
        {
            return EmptyTuple;
        }

        EnterContainer(depth);
        var elements = new ErlangTerm[arity];
        for (var i = 0; i < elements.Length; i++)
        {
            elements[i] = ReadTerm(depth + 1);
        }

        return new ErlTuple(ImmutableCollectionsMarshal.AsImmutableArray(elements));
    }

    private ErlangTerm ReadString()
    {
        var bytes = ReadBytes(ReadUInt16());
        if (bytes.IsEmpty)
        {
            return ErlList.Empty;
        }

        var elements = new ErlangTerm[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            elements[i] = ErlInteger.Of(bytes[i]);
        }

        return new ErlList(ImmutableCollectionsMarshal.AsImmutableArray(elements));
    }

    /// <summary>
    /// Reads a LIST_EXT. A tail that is itself a list (<c>[1|[2|[3]]]</c>, legal though OTP never
    /// writes it) is folded into the same element array in a loop: recursion would let a long
    /// chain exhaust the stack, and splicing each level would copy quadratically.
    /// </summary>
    private ErlangTerm ReadList(int depth)
    {
        EnterContainer(depth);

        // Each element and the tail take at least one byte each.
        var count = ReadCount(bytesPerItem: 1, reserved: 1);
        var elements = count == 0 ? [] : new ErlangTerm[count];
        var length = 0;
        ErlangTerm tail;
        while (true)
        {
            for (var i = 0; i < count; i++)
            {
                elements[length++] = ReadTerm(depth + 1);
            }

            var tag = PeekByte();
            if (tag == ExternalTag.Nil)
            {
                _position++;
                tail = ErlList.Empty;
                break;
            }

            if (tag == ExternalTag.List)
            {
                _position++;
                count = ReadCount(bytesPerItem: 1, reserved: 1);
                elements = EnsureCapacity(elements, length + count);
                continue;
            }

            if (tag == ExternalTag.String)
            {
                _position++;
                var bytes = ReadBytes(ReadUInt16());
                elements = EnsureCapacity(elements, length + bytes.Length);
                foreach (var b in bytes)
                {
                    elements[length++] = ErlInteger.Of(b);
                }

                tail = ErlList.Empty;
                break;
            }

            tail = ReadTerm(depth + 1);
            break;
        }

        if (length == 0)
        {
            // [] ++ Tail is Tail, as binary_to_term/1 reads it.
            return tail;
        }

        if (length != elements.Length)
        {
            Array.Resize(ref elements, length);
        }

        return new ErlList(ImmutableCollectionsMarshal.AsImmutableArray(elements), tail);
    }

    private ErlangTerm ReadMap(int depth)
    {
        var start = _position - 1;
        var count = ReadCount(bytesPerItem: 2);
        if (count == 0)
        {
            return ErlMap.Empty;
        }

        EnterContainer(depth);
        var pairs = new KeyValuePair<ErlangTerm, ErlangTerm>[count];
        for (var i = 0; i < pairs.Length; i++)
        {
            var key = ReadTerm(depth + 1);
            pairs[i] = KeyValuePair.Create(key, ReadTerm(depth + 1));
        }

        int duplicate;
        try
        {
            duplicate = ErlMap.IndexOfDuplicateKey(pairs);
        }
        catch (InsufficientExecutionStackException)
        {
            throw Error("map keys nested too deeply to compare on this thread's stack", start);
        }

        if (duplicate >= 0)
        {
            throw Error($"map has the key {Describe(pairs[duplicate].Key)} twice", start);
        }

        return ErlMap.FromDistinctPairs(ImmutableCollectionsMarshal.AsImmutableArray(pairs));
    }

    private ErlFloat ReadNewFloat()
    {
        var start = _position;
        return NewFinite(BinaryPrimitives.ReadDoubleBigEndian(ReadBytes(8)), start);
    }

    /// <summary>FLOAT_EXT: the value printed with <c>"%.20e"</c> into 31 bytes, padded with NULs.</summary>
    private ErlFloat ReadOldFloat()
    {
        var start = _position;
        var text = ReadBytes(31);
        var end = text.IndexOf((byte)0);
        if (end >= 0)
        {
            text = text[..end];
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error("FLOAT_EXT text is not a number", start);
        }

        return NewFinite(value, start);
    }

    private static ErlFloat NewFinite(double value, int offset) =>
        double.IsFinite(value) ? new ErlFloat(value) : throw Error("float is NaN or infinite, which Erlang cannot represent", offset);

    /// <summary>SMALL_BIG_EXT / LARGE_BIG_EXT after the length: sign byte, then the magnitude little-endian.</summary>
    private ErlInteger ReadBig(int length)
    {
        // Like OTP, any non-zero sign byte means negative.
        var negative = ReadByte() != 0;
        var magnitude = ReadBytes(length);
        if (length <= sizeof(ulong))
        {
            ulong value = 0;
            for (var i = length - 1; i >= 0; i--)
            {
                value = (value << 8) | magnitude[i];
            }

            return (negative, value) switch
            {
                (false, <= long.MaxValue) => ErlInteger.Of((long)value),
                (true, <= 1UL << 63) => ErlInteger.Of(unchecked(-(long)value)),
                (false, _) => ErlInteger.Of(new BigInteger(value)),
                (true, _) => ErlInteger.Of(-new BigInteger(value)),
            };
        }

        var big = new BigInteger(magnitude, isUnsigned: true, isBigEndian: false);
        return ErlInteger.Of(negative ? -big : big);
    }

    private ErlPid ReadPid(bool wideCreation) =>
        new(ReadAtom(), ReadUInt32(), ReadUInt32(), wideCreation ? ReadUInt32() : ReadByte());

    /// <summary>NEWER_REFERENCE_EXT / NEW_REFERENCE_EXT: the word count comes before the node.</summary>
    private ErlRef ReadReference(bool wideCreation)
    {
        var start = _position - 1;
        var words = ReadUInt16();
        if (words is 0 or > MaxReferenceWords)
        {
            throw Error($"reference with {words} id words (1..{MaxReferenceWords} allowed)", start);
        }

        var node = ReadAtom();
        var creation = wideCreation ? ReadUInt32() : ReadByte();
        var idBytes = ReadBytes(words * sizeof(uint));
        var ids = new uint[words];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = BinaryPrimitives.ReadUInt32BigEndian(idBytes[(i * sizeof(uint))..]);
        }

        return new ErlRef(node, creation, ImmutableCollectionsMarshal.AsImmutableArray(ids));
    }

    private ErlRef ReadOldReference()
    {
        var node = ReadAtom();
        var id = ReadUInt32();
        return new ErlRef(node, ReadByte(), [id]);
    }

    private ErlExport ReadExport()
    {
        var module = ReadAtom();
        var function = ReadAtom();
        var start = _position;
        long arity = ReadByte() switch
        {
            ExternalTag.SmallInteger => ReadByte(),
            ExternalTag.Integer => ReadInt32(),
            var tag => throw Error($"export arity must be an integer, found tag {tag}", start),
        };

        return arity is >= 0 and <= 255
            ? new ErlExport(module, function, (int)arity)
            : throw Error($"export arity {arity} is outside 0..255", start);
    }

    /// <summary>
    /// NEW_FUN_EXT, kept opaque. Its Size field is not trusted to skip blindly: the fields are read
    /// and must end exactly where Size says, so a lying Size cannot hide bytes or swallow the next term.
    /// </summary>
    private ErlFun ReadNewFun(int depth)
    {
        var start = _position - 1;
        var size = ReadUInt32();
        if (size < MinNewFunSize || size - sizeof(uint) > (uint)Remaining)
        {
            throw Error($"NEW_FUN_EXT size {size} does not fit the {Remaining + sizeof(uint)} bytes left", start);
        }

        EnterContainer(depth);
        var end = start + 1 + (int)size;
        var arity = ReadByte();
        ReadBytes(16 + sizeof(uint)); // Uniq (MD5 of the module) and Index: opaque.
        var freeCount = ReadUInt32();
        var module = ReadAtom();
        ReadInteger(depth, "OldIndex");
        ReadInteger(depth, "OldUniq");
        if (ReadTerm(depth + 1) is not ErlPid)
        {
            throw Error("NEW_FUN_EXT without a creator pid", start);
        }

        if (freeCount > (uint)Math.Max(0, end - _position))
        {
            throw Error($"NEW_FUN_EXT declares {freeCount} free variables in {end - _position} bytes", start);
        }

        for (var i = 0; i < freeCount; i++)
        {
            ReadTerm(depth + 1);
        }

        if (_position != end)
        {
            throw Error($"NEW_FUN_EXT size {size} does not match its contents ({_position - start - 1} bytes)", start);
        }

        return new ErlFun(module, arity, _data[start..end].ToArray());
    }

    private void ReadInteger(int depth, string field)
    {
        var start = _position;
        if (ReadTerm(depth + 1) is not ErlInteger)
        {
            throw Error($"NEW_FUN_EXT {field} is not an integer", start);
        }
    }

    /// <summary>
    /// Called on entering a tuple, list, map or fun: enforces the depth limit, and turns a
    /// stack that is running short (a small thread stack) into a decode error instead of a crash.
    /// </summary>
    private readonly void EnterContainer(int depth)
    {
        if (depth >= _maxDepth)
        {
            throw Error($"terms nested deeper than {_maxDepth} levels", _position);
        }

        if (depth % StackCheckInterval == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error($"terms nested too deeply ({depth} levels) for this thread's stack", _position);
        }
    }

    /// <summary>
    /// Reads a u32 count of items that take at least <paramref name="bytesPerItem"/> bytes each, and
    /// rejects it unless that many fit in what is left (after <paramref name="reserved"/> more bytes).
    /// </summary>
    private int ReadCount(int bytesPerItem, int reserved = 0)
    {
        var start = _position;
        var count = ReadUInt32();
        var available = (uint)Math.Max(0, Remaining - reserved) / (uint)bytesPerItem;
        return count <= available
            ? (int)count
            : throw Error($"declares {count} items but only {Remaining} bytes remain", start);
    }

    private static ErlangTerm[] EnsureCapacity(ErlangTerm[] elements, int needed)
    {
        if (needed <= elements.Length)
        {
            return elements;
        }

        // Doubling keeps a long chain of list cells linear; every count was already checked against the input.
        var grown = new ErlangTerm[Math.Max(needed, Math.Min(elements.Length * 2, Array.MaxLength))];
        elements.CopyTo(grown, 0);
        return grown;
    }

    private byte ReadByte()
    {
        if ((uint)_position >= (uint)_data.Length)
        {
            throw Truncated(1);
        }

        return _data[_position++];
    }

    private readonly byte PeekByte() =>
        (uint)_position < (uint)_data.Length ? _data[_position] : throw Truncated(1);

    private ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(ReadBytes(sizeof(ushort)));

    private uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(ReadBytes(sizeof(uint)));

    private int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(ReadBytes(sizeof(int)));

    private ulong ReadUInt64() => BinaryPrimitives.ReadUInt64BigEndian(ReadBytes(sizeof(ulong)));

    private ReadOnlySpan<byte> ReadBytes(int count)
    {
        if ((uint)count > (uint)Remaining)
        {
            throw Truncated(count);
        }

        var bytes = _data.Slice(_position, count);
        _position += count;
        return bytes;
    }

    private readonly TermDecodeException Truncated(int needed) =>
        Error($"input ends early: {needed} more bytes needed, {Remaining} left", _position);

    private readonly TermDecodeException Unsupported(byte tag) => tag switch
    {
        ExternalTag.AtomCacheRef => Error("ATOM_CACHE_REF needs a distribution header with an atom cache, which is not in use", _position - 1),
        ExternalTag.Fun => Error("FUN_EXT (removed in OTP 23) is not supported", _position - 1),
        ExternalTag.Local => Error("LOCAL_EXT (term_to_binary with [local]) cannot be decoded outside its node", _position - 1),
        ExternalTag.Compressed => Error("a compressed term may only appear at top level", _position - 1),
        ExternalTag.Version => Error("version byte 131 inside a term", _position - 1),
        _ => Error($"unknown tag {tag}", _position - 1),
    };

    private static string Describe(ErlangTerm term)
    {
        var sb = new StringBuilder();
        term.Format(sb, maxLength: 64);
        return sb.ToString();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TermDecodeException Error(string reason, int offset) => new(reason, offset);
}
