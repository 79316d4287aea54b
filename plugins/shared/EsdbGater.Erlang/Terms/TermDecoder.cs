using System.Buffers;
using System.Buffers.Binary;

namespace EsdbGater.Erlang.Terms;

/// <summary>
/// Decodes the external term format. Hostile input is expected: every length is checked against
/// the bytes that remain, nesting is capped, and every failure is a <see cref="TermDecodeException"/>.
/// Decoded terms own their memory, so the input buffer may be reused as soon as a call returns.
/// </summary>
public static class TermDecoder
{
    private const int CompressedHeaderLength = 6; // 131, 80, UncompressedSize:u32

    /// <summary>Decodes one term that starts with the version byte 131 and fills <paramref name="data"/> exactly.</summary>
    public static ErlangTerm Decode(ReadOnlySpan<byte> data) => Decode(data, TermDecoderOptions.Default);

    /// <summary>Decodes one term that starts with the version byte 131 and fills <paramref name="data"/> exactly.</summary>
    public static ErlangTerm Decode(ReadOnlySpan<byte> data, TermDecoderOptions options)
    {
        var term = DecodePrefix(data, out var consumed, options);
        return consumed == data.Length
            ? term
            : throw new TermDecodeException($"{data.Length - consumed} bytes follow the term", consumed);
    }

    /// <summary>
    /// Decodes one 131-prefixed term from the start of <paramref name="data"/>, reporting how many
    /// bytes it used (a distribution message holds a control term followed by a payload term).
    /// </summary>
    public static ErlangTerm DecodePrefix(ReadOnlySpan<byte> data, out int consumed) =>
        DecodePrefix(data, out consumed, TermDecoderOptions.Default);

    /// <summary>
    /// Decodes one 131-prefixed term from the start of <paramref name="data"/>, reporting how many
    /// bytes it used. A compressed term (tag 80) carries no length of its own, so it must extend to
    /// the end of <paramref name="data"/>.
    /// </summary>
    public static ErlangTerm DecodePrefix(ReadOnlySpan<byte> data, out int consumed, TermDecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (data.IsEmpty)
        {
            throw new TermDecodeException("no bytes to decode", 0);
        }

        if (data[0] != ExternalTag.Version)
        {
            throw new TermDecodeException($"version byte is {data[0]}, expected 131", 0);
        }

        if (data.Length > 1 && data[1] == ExternalTag.Compressed)
        {
            var term = DecodeCompressed(data, options);
            consumed = data.Length;
            return term;
        }

        var reader = new TermReader(data, start: 1, options.MaxDepth);
        var result = reader.ReadTerm(depth: 0);
        consumed = reader.Position;
        return result;
    }

    private static ErlangTerm DecodeCompressed(ReadOnlySpan<byte> data, TermDecoderOptions options)
    {
        if (data.Length < CompressedHeaderLength)
        {
            throw new TermDecodeException("compressed term header is cut short", data.Length);
        }

        var declared = BinaryPrimitives.ReadUInt32BigEndian(data[2..]);
        if (declared == 0 || declared > (uint)options.MaxDecompressedSize)
        {
            throw new TermDecodeException(
                $"compressed term declares {declared} inflated bytes (1..{options.MaxDecompressedSize} allowed)", 2);
        }

        var length = (int)declared;
        var inflated = ZlibInflater.Inflate(data[CompressedHeaderLength..], length, CompressedHeaderLength);
        try
        {
            var reader = new TermReader(inflated.AsSpan(0, length), start: 0, options.MaxDepth);
            var term = reader.ReadTerm(depth: 0);
            return reader.Position == length
                ? term
                : throw new TermDecodeException($"{length - reader.Position} inflated bytes follow the compressed term", reader.Position);
        }
        catch (TermDecodeException e)
        {
            throw new TermDecodeException($"{e.Reason}, at inflated byte {e.Offset} of the compressed term", CompressedHeaderLength);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(inflated);
        }
    }
}
