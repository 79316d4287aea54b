using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace EsdbGater.Erlang.Terms;

/// <summary>
/// Inflates the zlib (RFC 1950) body of a compressed term into a pooled buffer, refusing to
/// produce a single byte more than the size the envelope declared.
/// </summary>
internal static class ZlibInflater
{
    private const int AdlerModulus = 65521;

    // The largest run of bytes whose Adler-32 sums cannot overflow 32 bits before reduction (zlib's NMAX).
    private const int AdlerChunk = 5552;

    /// <summary>
    /// Inflates <paramref name="zlib"/>, which must be exactly one zlib stream, to exactly
    /// <paramref name="expectedLength"/> bytes. Returns a buffer rented from
    /// <see cref="ArrayPool{T}.Shared"/> holding them at the start; the caller returns it.
    /// <paramref name="errorOffset"/> is where the zlib data starts in the caller's input, for error reports.
    /// </summary>
    public static byte[] Inflate(ReadOnlySpan<byte> zlib, int expectedLength, int errorOffset)
    {
        // ZLibStream reads from a Stream, so the input is copied once into a pooled array.
        var input = ArrayPool<byte>.Shared.Rent(zlib.Length);
        byte[]? output = null;
        try
        {
            zlib.CopyTo(input);
            output = ArrayPool<byte>.Shared.Rent(InitialCapacity(zlib.Length, expectedLength));
            using var source = new MemoryStream(input, 0, zlib.Length, writable: false);
            using var inflater = new ZLibStream(source, CompressionMode.Decompress);
            var filled = 0;
            while (filled < expectedLength)
            {
                if (filled == output.Length)
                {
                    // Grow only as the data really inflates: a small bomb that merely declares a
                    // huge size never gets the huge buffer.
                    output = Grow(output, Math.Min(expectedLength, (int)Math.Min(Array.MaxLength, 2L * output.Length)));
                }

                var read = inflater.Read(output, filled, Math.Min(output.Length, expectedLength) - filled);
                if (read == 0)
                {
                    throw new TermDecodeException($"compressed term inflates to {filled} bytes, but declares {expectedLength}", errorOffset);
                }

                filled += read;
            }

            Span<byte> probe = stackalloc byte[1];
            if (inflater.Read(probe) != 0)
            {
                throw new TermDecodeException($"compressed term inflates to more than the {expectedLength} bytes it declares", errorOffset);
            }

            // ZLibStream stops at the end of the zlib stream and says nothing about bytes after it;
            // the stream ends with the Adler-32 of its content, so the input must end with it too.
            if (zlib.Length < sizeof(uint) || BinaryPrimitives.ReadUInt32BigEndian(zlib[^sizeof(uint)..]) != Adler32(output.AsSpan(0, expectedLength)))
            {
                throw new TermDecodeException("bytes follow the end of the compressed term's zlib stream", errorOffset);
            }

            var result = output;
            output = null;
            return result;
        }
        catch (InvalidDataException e)
        {
            throw new TermDecodeException($"compressed term is not a valid zlib stream: {e.Message}", errorOffset);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            if (output is not null)
            {
                ArrayPool<byte>.Shared.Return(output);
            }
        }
    }

    private static int InitialCapacity(int compressedLength, int expectedLength) =>
        (int)Math.Min(expectedLength, Math.Max(4096L, 4L * compressedLength));

    private static byte[] Grow(byte[] buffer, int capacity)
    {
        var grown = ArrayPool<byte>.Shared.Rent(capacity);
        buffer.CopyTo(grown, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        return grown;
    }

    private static uint Adler32(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        while (!data.IsEmpty)
        {
            var chunk = data[..Math.Min(AdlerChunk, data.Length)];
            foreach (var x in chunk)
            {
                a += x;
                b += a;
            }

            a %= AdlerModulus;
            b %= AdlerModulus;
            data = data[chunk.Length..];
        }

        return (b << 16) | a;
    }
}
