using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace EsdbGater.Erlang.Terms;

/// <summary>
/// Writes term bodies (no version byte) into a span that <see cref="Measure"/> sized exactly.
/// Encoding in two passes, measure then write, lets every caller get one right-sized buffer:
/// no growing, no copying, no pooled scratch space to return.
/// </summary>
internal ref struct TermWriter
{
    private const int MaxSmallAtomBytes = 255;
    private const int MaxStringExtLength = ushort.MaxValue;
    private const int MaxReferenceWords = 5;
    private const int StackCheckInterval = 16;

    private readonly Span<byte> _buffer;
    private int _position;

    public TermWriter(Span<byte> buffer, int start)
    {
        _buffer = buffer;
        _position = start;
    }

    /// <summary>The offset after the last byte written.</summary>
    public readonly int Position => _position;

    /// <summary>The encoded size of <paramref name="term"/>, without the version byte.</summary>
    /// <exception cref="ArgumentException">The term has a part Erlang cannot represent.</exception>
    /// <remarks>
    /// The recursive paths (this method, the container methods) keep their frames small: rare
    /// kinds and error messages live in separate methods, so deep terms fit in the stack.
    /// </remarks>
    public static long Measure(ErlangTerm term, int depth = 0) => term switch
    {
        ErlAtom atom => MeasureAtom(atom),
        ErlInteger integer => MeasureInteger(integer),
        ErlBinary binary => 5L + binary.Bytes.Length,
        ErlTuple tuple => MeasureTuple(tuple, depth),
        ErlList list => MeasureList(list, depth),
        ErlMap map => MeasureMap(map, depth),
        _ => MeasureOther(term),
    };

    /// <summary>Writes <paramref name="term"/>, which <see cref="Measure"/> has already validated.</summary>
    public void Write(ErlangTerm term, int depth = 0)
    {
        switch (term)
        {
            case ErlAtom atom:
                WriteAtom(atom);
                return;
            case ErlInteger integer:
                WriteInteger(integer);
                return;
            case ErlBinary binary:
                WriteBinary(binary.Bytes.Span);
                return;
            case ErlTuple tuple:
                WriteTuple(tuple, depth);
                return;
            case ErlList list:
                WriteList(list, depth);
                return;
            case ErlMap map:
                WriteMap(map, depth);
                return;
            default:
                WriteOther(term);
                return;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long MeasureOther(ErlangTerm term)
    {
        switch (term)
        {
            case ErlFloat f:
                RequireFinite(f);
                return 1 + sizeof(double);
            case ErlPid pid:
                return 1 + MeasureAtom(pid.Node) + 3 * sizeof(uint);
            case ErlRef reference:
                RequireValidWordCount(reference);
                return 1 + sizeof(ushort) + MeasureAtom(reference.Node) + sizeof(uint) + reference.Ids.Length * sizeof(uint);
            case ErlBitBinary bits:
                return bits.BitsInLastByte == 8 ? 5 + bits.Bytes.Length : 6 + bits.Bytes.Length;
            case ErlPort port:
                return 1 + MeasureAtom(port.Node) + sizeof(ulong) + sizeof(uint);
            case ErlExport export:
                RequireByteArity(export);
                return 1 + MeasureAtom(export.Module) + MeasureAtom(export.Function) + 2;
            case ErlFun fun:
                RequireFunEncoding(fun);
                return fun.Encoded.Length;
            case null:
                throw new ArgumentException("A term contains a null element.", nameof(term));
            default:
                throw new ArgumentException($"No encoding for {term.GetType().Name}.", nameof(term));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteOther(ErlangTerm term)
    {
        switch (term)
        {
            case ErlFloat f:
                WriteByte(ExternalTag.NewFloat);
                BinaryPrimitives.WriteDoubleBigEndian(Take(sizeof(double)), f.Value);
                break;
            case ErlPid pid:
                WriteByte(ExternalTag.NewPid);
                WriteAtom(pid.Node);
                WriteUInt32(pid.Id);
                WriteUInt32(pid.Serial);
                WriteUInt32(pid.Creation);
                break;
            case ErlRef reference:
                WriteByte(ExternalTag.NewerReference);
                BinaryPrimitives.WriteUInt16BigEndian(Take(sizeof(ushort)), (ushort)reference.Ids.Length);
                WriteAtom(reference.Node);
                WriteUInt32(reference.Creation);
                foreach (var id in reference.Ids)
                {
                    WriteUInt32(id);
                }

                break;
            case ErlBitBinary bits:
                WriteBitBinary(bits);
                break;
            case ErlPort port:
                // Ports are only echoed back; V4_PORT_EXT holds every id a peer can send.
                WriteByte(ExternalTag.V4Port);
                WriteAtom(port.Node);
                BinaryPrimitives.WriteUInt64BigEndian(Take(sizeof(ulong)), port.Id);
                WriteUInt32(port.Creation);
                break;
            case ErlExport export:
                WriteByte(ExternalTag.Export);
                WriteAtom(export.Module);
                WriteAtom(export.Function);
                WriteByte(ExternalTag.SmallInteger);
                WriteByte((byte)export.Arity);
                break;
            case ErlFun fun:
                fun.Encoded.Span.CopyTo(Take(fun.Encoded.Length));
                break;
        }
    }

    private static long MeasureTuple(ErlTuple tuple, int depth)
    {
        CheckStack(depth);
        var length = tuple.Arity <= byte.MaxValue ? 2L : 5L;
        foreach (var element in tuple.Elements)
        {
            length += Measure(element, depth + 1);
        }

        return length;
    }

    private static long MeasureMap(ErlMap map, int depth)
    {
        CheckStack(depth);
        var length = 5L;
        foreach (var pair in map.Pairs)
        {
            length += Measure(pair.Key, depth + 1) + Measure(pair.Value, depth + 1);
        }

        return length;
    }

    private static long MeasureAtom(ErlAtom atom)
    {
        var length = atom.Utf8.Length;
        return length <= MaxSmallAtomBytes ? 2 + length : 3 + length;
    }

    private static long MeasureInteger(ErlInteger integer)
    {
        if (integer.FitsInt64)
        {
            var value = integer.Int64Value;
            return value switch
            {
                >= 0 and <= byte.MaxValue => 2,
                >= int.MinValue and <= int.MaxValue => 5,
                _ => 3 + MagnitudeLength(Magnitude(value)),
            };
        }

        var length = BigInteger.Abs(integer.Value).GetByteCount(isUnsigned: true);
        return length <= byte.MaxValue ? 3 + length : 6 + length;
    }

    private static long MeasureList(ErlList list, int depth)
    {
        if (list.IsEmpty)
        {
            return 1;
        }

        if (IsByteString(list))
        {
            return 3 + list.Count;
        }

        CheckStack(depth);
        var length = 5L;
        foreach (var element in list.Elements)
        {
            length += Measure(element, depth + 1);
        }

        return length + (list.IsProper ? 1 : Measure(list.Tail, depth + 1));
    }

    /// <summary>A proper list of 1..65535 integers in 0..255 travels as STRING_EXT, as OTP writes it.</summary>
    private static bool IsByteString(ErlList list)
    {
        if (!list.IsProper || list.Count > MaxStringExtLength)
        {
            return false;
        }

        foreach (var element in list.Elements)
        {
            if (element is not ErlInteger { FitsInt64: true } integer || (ulong)integer.Int64Value > byte.MaxValue)
            {
                return false;
            }
        }

        return true;
    }

    private void WriteAtom(ErlAtom atom)
    {
        var utf8 = atom.Utf8;
        if (utf8.Length <= MaxSmallAtomBytes)
        {
            WriteByte(ExternalTag.SmallAtomUtf8);
            WriteByte((byte)utf8.Length);
        }
        else
        {
            WriteByte(ExternalTag.AtomUtf8);
            BinaryPrimitives.WriteUInt16BigEndian(Take(sizeof(ushort)), (ushort)utf8.Length);
        }

        utf8.CopyTo(Take(utf8.Length));
    }

    private void WriteInteger(ErlInteger integer)
    {
        if (integer.FitsInt64)
        {
            var value = integer.Int64Value;
            switch (value)
            {
                case >= 0 and <= byte.MaxValue:
                    WriteByte(ExternalTag.SmallInteger);
                    WriteByte((byte)value);
                    return;
                case >= int.MinValue and <= int.MaxValue:
                    WriteByte(ExternalTag.Integer);
                    BinaryPrimitives.WriteInt32BigEndian(Take(sizeof(int)), (int)value);
                    return;
            }

            var magnitude = Magnitude(value);
            var length = MagnitudeLength(magnitude);
            WriteByte(ExternalTag.SmallBig);
            WriteByte((byte)length);
            WriteByte(value < 0 ? (byte)1 : (byte)0);
            Span<byte> little = stackalloc byte[sizeof(ulong)];
            BinaryPrimitives.WriteUInt64LittleEndian(little, magnitude);
            little[..length].CopyTo(Take(length));
            return;
        }

        var big = integer.Value;
        var abs = BigInteger.Abs(big);
        var byteCount = abs.GetByteCount(isUnsigned: true);
        if (byteCount <= byte.MaxValue)
        {
            WriteByte(ExternalTag.SmallBig);
            WriteByte((byte)byteCount);
        }
        else
        {
            WriteByte(ExternalTag.LargeBig);
            WriteUInt32((uint)byteCount);
        }

        WriteByte(big.Sign < 0 ? (byte)1 : (byte)0);
        abs.TryWriteBytes(Take(byteCount), out _, isUnsigned: true, isBigEndian: false);
    }

    private void WriteBinary(ReadOnlySpan<byte> bytes)
    {
        WriteByte(ExternalTag.Binary);
        WriteUInt32((uint)bytes.Length);
        bytes.CopyTo(Take(bytes.Length));
    }

    private void WriteBitBinary(ErlBitBinary bits)
    {
        if (bits.BitsInLastByte == 8)
        {
            WriteBinary(bits.Bytes.Span);
            return;
        }

        var bytes = bits.Bytes.Span;
        WriteByte(ExternalTag.BitBinary);
        WriteUInt32((uint)bytes.Length);
        WriteByte((byte)bits.BitsInLastByte);
        bytes[..^1].CopyTo(Take(bytes.Length - 1));
        WriteByte(bits.MaskedLastByte);
    }

    private void WriteMap(ErlMap map, int depth)
    {
        CheckStack(depth);
        WriteByte(ExternalTag.Map);
        WriteUInt32((uint)map.Count);
        foreach (var pair in map.Pairs)
        {
            Write(pair.Key, depth + 1);
            Write(pair.Value, depth + 1);
        }
    }

    private void WriteTuple(ErlTuple tuple, int depth)
    {
        CheckStack(depth);
        if (tuple.Arity <= byte.MaxValue)
        {
            WriteByte(ExternalTag.SmallTuple);
            WriteByte((byte)tuple.Arity);
        }
        else
        {
            WriteByte(ExternalTag.LargeTuple);
            WriteUInt32((uint)tuple.Arity);
        }

        foreach (var element in tuple.Elements)
        {
            Write(element, depth + 1);
        }
    }

    private void WriteList(ErlList list, int depth)
    {
        if (list.IsEmpty)
        {
            WriteByte(ExternalTag.Nil);
            return;
        }

        if (IsByteString(list))
        {
            WriteByte(ExternalTag.String);
            BinaryPrimitives.WriteUInt16BigEndian(Take(sizeof(ushort)), (ushort)list.Count);
            foreach (var element in list.Elements)
            {
                WriteByte((byte)((ErlInteger)element).Int64Value);
            }

            return;
        }

        CheckStack(depth);
        WriteByte(ExternalTag.List);
        WriteUInt32((uint)list.Count);
        foreach (var element in list.Elements)
        {
            Write(element, depth + 1);
        }

        if (list.IsProper)
        {
            WriteByte(ExternalTag.Nil);
        }
        else
        {
            Write(list.Tail, depth + 1);
        }
    }

    private void WriteByte(byte value) => _buffer[_position++] = value;

    private void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Take(sizeof(uint)), value);

    private Span<byte> Take(int count)
    {
        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }

    private static ulong Magnitude(long value) => value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;

    private static int MagnitudeLength(ulong magnitude) => (64 - BitOperations.LeadingZeroCount(magnitude) + 7) / 8;

    /// <summary>
    /// Terms built in code can nest without limit; a deep one must fail with an exception, not
    /// overflow the stack and take the process down.
    /// </summary>
    private static void CheckStack(int depth)
    {
        if (depth % StackCheckInterval == 0)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
        }
    }

    private static void RequireFinite(ErlFloat f)
    {
        if (!double.IsFinite(f.Value))
        {
            throw new ArgumentException($"Erlang floats cannot be NaN or infinite (got {f.Value}).", "term");
        }
    }

    private static void RequireValidWordCount(ErlRef reference)
    {
        if (reference.Ids.IsDefault || reference.Ids.Length is 0 or > MaxReferenceWords)
        {
            throw new ArgumentException($"A reference needs 1..{MaxReferenceWords} id words.", "term");
        }
    }

    private static void RequireByteArity(ErlExport export)
    {
        if (export.Arity is < 0 or > byte.MaxValue)
        {
            throw new ArgumentException($"Export arity {export.Arity} is outside 0..255.", "term");
        }
    }

    private static void RequireFunEncoding(ErlFun fun)
    {
        if (fun.Encoded.Length < 5 || fun.Encoded.Span[0] != ExternalTag.NewFun)
        {
            throw new ArgumentException("A fun must hold its complete NEW_FUN_EXT encoding, tag 112 first.", "term");
        }
    }
}
