using System.Buffers;
using System.Buffers.Binary;
using EsdbGater.Erlang.Distribution.Protocol;

namespace EsdbGater.Erlang.Distribution.Framing;

/// <summary>Cuts 4-byte length-prefixed packets out of received bytes. A zero length is a tick.</summary>
internal static class FrameReader
{
    public const int HeaderLength = 4;

    /// <summary>
    /// Takes one complete packet off the front of <paramref name="buffer"/>. Returns false when
    /// more bytes are needed. Throws <see cref="DistributionProtocolException"/> for a packet
    /// longer than <paramref name="maxPacketSize"/>, before any of it is buffered.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxPacketSize, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < HeaderLength)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (length > (uint)maxPacketSize)
        {
            throw new DistributionProtocolException($"The peer announced a packet of {length} bytes; the limit is {maxPacketSize}.");
        }

        if (buffer.Length < HeaderLength + length)
        {
            return false;
        }

        payload = buffer.Slice(HeaderLength, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }
}
