using System.Buffers.Binary;
using System.Text;

namespace EsdbGater.Erlang.Distribution.Epmd;

/// <summary>Bytes of the EPMD PORT_PLEASE2 exchange (requests are u16-length framed, replies are not).</summary>
internal static class EpmdProtocol
{
    private const byte PortPlease2Request = 122; // 'z'
    private const byte Port2Response = 119;      // 'w'
    private const int FixedResponseLength = 12;  // 'w', result, port, type, proto, high, low, nlen

    public static byte[] BuildPortPlease2Request(string alive)
    {
        var name = Encoding.UTF8.GetBytes(alive);
        var request = new byte[3 + name.Length];
        BinaryPrimitives.WriteUInt16BigEndian(request, (ushort)(1 + name.Length));
        request[2] = PortPlease2Request;
        name.CopyTo(request, 3);
        return request;
    }

    /// <summary>
    /// Parses a complete PORT2_RESP (everything EPMD sent before closing). Throws
    /// <see cref="DistributionConnectException"/>: NotRegistered for a non-zero result,
    /// ProtocolError for malformed replies, UnsupportedVersion when 6 is outside the range.
    /// </summary>
    public static EpmdNodeEntry ParsePort2Response(ReadOnlySpan<byte> reply, string alive)
    {
        if (reply.Length < 2 || reply[0] != Port2Response)
        {
            throw new DistributionConnectException(ConnectFailure.ProtocolError, $"EPMD sent an unexpected reply ({reply.Length} bytes) to PORT_PLEASE2 for '{alive}'.");
        }

        if (reply[1] != 0)
        {
            throw new DistributionConnectException(ConnectFailure.NotRegistered, $"No node named '{alive}' is registered with EPMD (result {reply[1]}).");
        }

        if (reply.Length < FixedResponseLength)
        {
            throw new DistributionConnectException(ConnectFailure.ProtocolError, $"EPMD's PORT2_RESP for '{alive}' is truncated ({reply.Length} bytes).");
        }

        var port = BinaryPrimitives.ReadUInt16BigEndian(reply[2..]);
        var nodeType = reply[4];
        var protocol = reply[5];
        var high = BinaryPrimitives.ReadUInt16BigEndian(reply[6..]);
        var low = BinaryPrimitives.ReadUInt16BigEndian(reply[8..]);
        var nameLength = BinaryPrimitives.ReadUInt16BigEndian(reply[10..]);
        if (reply.Length < FixedResponseLength + nameLength)
        {
            throw new DistributionConnectException(ConnectFailure.ProtocolError, $"EPMD's PORT2_RESP for '{alive}' has a name longer than the reply.");
        }

        // The Extra field that follows is ignored: nothing in it is needed to connect.
        var name = Encoding.UTF8.GetString(reply.Slice(FixedResponseLength, nameLength));
        var entry = new EpmdNodeEntry(name, port, nodeType, protocol, high, low);
        if (!entry.SupportsVersion6)
        {
            throw new DistributionConnectException(ConnectFailure.UnsupportedVersion, $"Node '{alive}' speaks distribution versions {low}..{high}; version 6 is required (OTP 23+).");
        }

        if (port == 0)
        {
            throw new DistributionConnectException(ConnectFailure.ProtocolError, $"EPMD reported port 0 for '{alive}'.");
        }

        return entry;
    }
}
