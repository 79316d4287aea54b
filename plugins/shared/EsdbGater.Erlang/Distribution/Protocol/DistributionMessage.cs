using EsdbGater.Erlang.Distribution.Framing;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Distribution.Protocol;

/// <summary>
/// A pass-through distribution message: <c>'p'</c>, 131 + control tuple, optionally 131 + payload
/// (each term carries its own version byte, as no distribution header is negotiated).
/// </summary>
internal sealed record DistributionMessage(ControlOp Op, ErlTuple Control, ErlangTerm? Payload)
{
    public const byte PassThrough = 112; // 'p'

    /// <summary>
    /// Parses one non-empty packet. Every malformation is a <see cref="DistributionProtocolException"/>.
    /// Unknown operations are returned with whatever follows left undecoded (they are logged and ignored).
    /// </summary>
    public static DistributionMessage Parse(ReadOnlySpan<byte> packet)
    {
        if (packet.IsEmpty || packet[0] != PassThrough)
        {
            var what = packet.IsEmpty ? "an empty packet" : packet[0] == 131 ? "a distribution header (atom cache or fragments were never negotiated)" : $"message type {packet[0]}";
            throw new DistributionProtocolException($"The peer sent {what}; only pass-through ('p') messages are expected.");
        }

        ErlangTerm controlTerm;
        int consumed;
        try
        {
            controlTerm = TermDecoder.DecodePrefix(packet[1..], out consumed);
        }
        catch (TermDecodeException e)
        {
            throw new DistributionProtocolException($"Undecodable control message: {e.Message}", e);
        }

        if (controlTerm is not ErlTuple { Arity: >= 1 } control || control[0] is not ErlInteger { FitsInt64: true } opTerm || opTerm.Int64Value is < 0 or > 255)
        {
            throw new DistributionProtocolException($"The control message is not a tuple starting with an operation code: {Abbreviate(controlTerm)}.");
        }

        var op = (ControlOp)opTerm.Int64Value;
        var rest = packet[(1 + consumed)..];
        if (!ControlOps.IsKnown(op))
        {
            return new DistributionMessage(op, control, null);
        }

        if (!ControlOps.HasPayload(op))
        {
            return rest.IsEmpty
                ? new DistributionMessage(op, control, null)
                : throw new DistributionProtocolException($"Operation {op} carries {rest.Length} unexpected trailing bytes.");
        }

        if (rest.IsEmpty)
        {
            throw new DistributionProtocolException($"Operation {op} is missing its message.");
        }

        try
        {
            return new DistributionMessage(op, control, TermDecoder.Decode(rest));
        }
        catch (TermDecodeException e)
        {
            throw new DistributionProtocolException($"Undecodable {op} message: {e.Message}", e);
        }
    }

    /// <summary>Encodes a complete frame: the 4-byte length, 'p', the control tuple and the optional payload.</summary>
    public static OutgoingFrame Encode(ErlTuple control, ErlangTerm? payload)
    {
        var buffer = new PooledBufferWriter();
        try
        {
            AppendTo(buffer, control, payload);
            return new OutgoingFrame(buffer);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>Appends one framed message to <paramref name="buffer"/> (several may share a write).</summary>
    public static void AppendTo(PooledBufferWriter buffer, ErlTuple control, ErlangTerm? payload)
    {
        var start = buffer.WrittenCount;
        buffer.GetSpan(FrameReader.HeaderLength + 1);
        buffer.Advance(FrameReader.HeaderLength);
        buffer.GetSpan(1)[0] = PassThrough;
        buffer.Advance(1);
        TermEncoder.Encode(control, buffer);
        if (payload is not null)
        {
            TermEncoder.Encode(payload, buffer);
        }

        var length = buffer.WrittenCount - start - FrameReader.HeaderLength;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(buffer.WrittenSpan[start..], (uint)length);
    }

    private static string Abbreviate(ErlangTerm term)
    {
        var sb = new System.Text.StringBuilder();
        term.Format(sb, 200);
        return sb.ToString();
    }
}
