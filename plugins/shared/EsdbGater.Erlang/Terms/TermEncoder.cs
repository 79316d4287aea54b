using System.Buffers;

namespace EsdbGater.Erlang.Terms;

/// <summary>
/// Encodes terms in the external term format as OTP does: smallest integer forms, UTF-8 atoms,
/// NEW_FLOAT_EXT, byte lists as STRING_EXT, pids as NEW_PID_EXT, references as
/// NEWER_REFERENCE_EXT, ports as V4_PORT_EXT and funs verbatim. Never compresses.
/// </summary>
/// <remarks>
/// Every method throws <see cref="ArgumentException"/> for a term Erlang cannot represent (NaN or an
/// infinite float, a reference without 1..5 id words, a null element) and
/// <see cref="InsufficientExecutionStackException"/> for one nested too deeply for the thread's stack.
/// </remarks>
public static class TermEncoder
{
    /// <summary>The encoding, starting with the version byte 131.</summary>
    public static byte[] Encode(ErlangTerm term)
    {
        var size = EncodedSize(term);
        var bytes = GC.AllocateUninitializedArray<byte>(size);
        WriteVersionAndTerm(term, bytes);
        return bytes;
    }

    /// <summary>
    /// Writes the encoding, starting with the version byte 131, to <paramref name="writer"/> as
    /// one contiguous span of <see cref="EncodedSize"/> bytes.
    /// </summary>
    public static void Encode(ErlangTerm term, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var size = EncodedSize(term);
        WriteVersionAndTerm(term, writer.GetSpan(size)[..size]);
        writer.Advance(size);
    }

    /// <summary>Writes the encoding, starting with the version byte 131, and returns its length.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="EncodedSize"/>.</exception>
    public static int Encode(ErlangTerm term, Span<byte> destination) =>
        TryEncode(term, destination, out var written)
            ? written
            : throw new ArgumentException($"The destination holds {destination.Length} bytes; the term needs {EncodedSize(term)}.", nameof(destination));

    /// <summary>Writes the encoding when it fits in <paramref name="destination"/>; otherwise writes nothing and returns false.</summary>
    public static bool TryEncode(ErlangTerm term, Span<byte> destination, out int written)
    {
        var size = EncodedSize(term);
        if (size > destination.Length)
        {
            written = 0;
            return false;
        }

        WriteVersionAndTerm(term, destination[..size]);
        written = size;
        return true;
    }

    /// <summary>The length of the encoding, version byte included.</summary>
    public static int EncodedSize(ErlangTerm term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var size = 1 + TermWriter.Measure(term);
        return size <= Array.MaxLength
            ? (int)size
            : throw new ArgumentException($"The term encodes to {size} bytes, more than one buffer can hold.", nameof(term));
    }

    private static void WriteVersionAndTerm(ErlangTerm term, Span<byte> destination)
    {
        destination[0] = ExternalTag.Version;
        var writer = new TermWriter(destination, start: 1);
        writer.Write(term);
    }
}
