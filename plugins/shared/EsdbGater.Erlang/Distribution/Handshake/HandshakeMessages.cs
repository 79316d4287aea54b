using System.Buffers.Binary;
using System.Text;

namespace EsdbGater.Erlang.Distribution.Handshake;

/// <summary>
/// The version-6 handshake messages, without their u16 length prefix. Parsers throw
/// <see cref="DistributionConnectException"/> (ProtocolError) on malformed input.
/// </summary>
internal static class HandshakeMessages
{
    public const byte NameTag = (byte)'N';
    public const byte StatusTag = (byte)'s';
    public const byte ChallengeReplyTag = (byte)'r';
    public const byte ChallengeAckTag = (byte)'a';

    /// <summary>send_name: 'N' Flags:u64 Creation:u32 Nlen:u16 Name.</summary>
    public static byte[] SendName(DistributionFlags flags, uint creation, string nodeName)
    {
        var name = Encoding.UTF8.GetBytes(nodeName);
        var message = new byte[1 + 8 + 4 + 2 + name.Length];
        message[0] = NameTag;
        BinaryPrimitives.WriteUInt64BigEndian(message.AsSpan(1), (ulong)flags);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(9), creation);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(13), (ushort)name.Length);
        name.CopyTo(message, 15);
        return message;
    }

    /// <summary>A status reply of ours ('s' "true"/"false"), only used when the peer says "alive".</summary>
    public static byte[] Status(string status) => [StatusTag, .. Encoding.ASCII.GetBytes(status)];

    /// <summary>recv_status: 's' followed by the status text.</summary>
    public static string ParseStatus(ReadOnlySpan<byte> message)
    {
        if (message.Length < 2 || message[0] != StatusTag)
        {
            throw Malformed("status", message);
        }

        return Encoding.ASCII.GetString(message[1..]);
    }

    /// <summary>The peer's challenge: 'N' Flags:u64 Challenge:u32 Creation:u32 Nlen:u16 Name [ignored extra].</summary>
    public static PeerChallenge ParseChallenge(ReadOnlySpan<byte> message)
    {
        const int fixedLength = 1 + 8 + 4 + 4 + 2;
        if (message.Length < fixedLength || message[0] != NameTag)
        {
            throw Malformed("challenge", message);
        }

        var flags = (DistributionFlags)BinaryPrimitives.ReadUInt64BigEndian(message[1..]);
        var challenge = BinaryPrimitives.ReadUInt32BigEndian(message[9..]);
        var creation = BinaryPrimitives.ReadUInt32BigEndian(message[13..]);
        var nameLength = BinaryPrimitives.ReadUInt16BigEndian(message[17..]);
        if (message.Length < fixedLength + nameLength)
        {
            throw Malformed("challenge", message);
        }

        var name = Encoding.UTF8.GetString(message.Slice(fixedLength, nameLength));
        return new PeerChallenge(flags, challenge, creation, name);
    }

    /// <summary>challenge_reply: 'r' OurChallenge:u32 Digest:16.</summary>
    public static byte[] ChallengeReply(uint ourChallenge, ReadOnlySpan<byte> digest)
    {
        var message = new byte[1 + 4 + 16];
        message[0] = ChallengeReplyTag;
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(1), ourChallenge);
        digest.CopyTo(message.AsSpan(5));
        return message;
    }

    /// <summary>challenge_ack: 'a' Digest:16; returns the digest.</summary>
    public static ReadOnlySpan<byte> ParseChallengeAck(ReadOnlySpan<byte> message)
    {
        if (message.Length != 17 || message[0] != ChallengeAckTag)
        {
            throw Malformed("challenge ack", message);
        }

        return message[1..];
    }

    private static DistributionConnectException Malformed(string what, ReadOnlySpan<byte> message) =>
        new(ConnectFailure.ProtocolError, $"Malformed handshake {what} ({message.Length} bytes, tag {(message.IsEmpty ? "none" : message[0].ToString())}).");
}

/// <summary>The acceptor's challenge message.</summary>
internal sealed record PeerChallenge(DistributionFlags Flags, uint Challenge, uint Creation, string NodeName);
