using System.Buffers.Binary;
using System.Security.Cryptography;

namespace EsdbGater.Erlang.Distribution.Handshake;

/// <summary>
/// The initiator side of the version-6 handshake over an open stream. Over plain TCP the
/// messages are {packet,2} framed; inside TLS, inet_tls_dist runs the socket as {packet,4}
/// from the start, so the same messages carry a 4-byte length. Every failure is a
/// <see cref="DistributionConnectException"/> whose message never contains the cookie.
/// </summary>
internal sealed class OutgoingHandshake(
    string ourName,
    string cookie,
    uint ourCreation,
    string expectedPeerName,
    TimeSpan stepTimeout,
    bool overTls = false)
{
    /// <summary>Largest handshake message we accept (names are at most 255 bytes).</summary>
    private const int MaxMessageLength = 1024;

    private readonly int _headerLength = overTls ? 4 : 2;

    public DistributionFlags OurFlags { get; init; } = DistributionFlagSets.Ours;

    public async Task<HandshakeResult> RunAsync(Stream stream, CancellationToken cancellationToken)
    {
        await WriteAsync(stream, HandshakeMessages.SendName(OurFlags, ourCreation, ourName), "send_name", cancellationToken).ConfigureAwait(false);

        var status = HandshakeMessages.ParseStatus(await ReadStatusAsync(stream, cancellationToken).ConfigureAwait(false));
        await HandleStatusAsync(stream, status, cancellationToken).ConfigureAwait(false);

        var challenge = HandshakeMessages.ParseChallenge(await ReadAsync(stream, "challenge", cancellationToken).ConfigureAwait(false));
        if (!string.Equals(challenge.NodeName, expectedPeerName, StringComparison.Ordinal))
        {
            throw new DistributionConnectException(ConnectFailure.ProtocolError, $"Dialled '{expectedPeerName}' but the node answered as '{challenge.NodeName}'.");
        }

        var missing = DistributionFlagSets.Missing(challenge.Flags, DistributionFlagSets.RequiredOfPeer);
        if (missing != DistributionFlags.None)
        {
            throw new DistributionConnectException(ConnectFailure.NotAllowed, $"Node '{expectedPeerName}' lacks required distribution flags {missing} (0x{(ulong)missing:X}).");
        }

        var ourChallenge = BinaryPrimitives.ReadUInt32BigEndian(RandomNumberGenerator.GetBytes(4));
        var reply = HandshakeMessages.ChallengeReply(ourChallenge, CookieDigest.Compute(cookie, challenge.Challenge));
        await WriteAsync(stream, reply, "challenge reply", cancellationToken).ConfigureAwait(false);

        byte[] ack;
        try
        {
            ack = await ReadAsync(stream, "challenge ack", cancellationToken).ConfigureAwait(false);
        }
        catch (DistributionConnectException e) when (e.Failure == ConnectFailure.ProtocolError && e.InnerException is EndOfStreamException or IOException)
        {
            // An acceptor that rejects our digest just closes the socket: no 'a' ever comes.
            throw new DistributionConnectException(ConnectFailure.WrongCookie, $"Node '{expectedPeerName}' closed the connection after our challenge reply: the cookie does not match.", e.InnerException);
        }

        if (!CookieDigest.Matches(cookie, ourChallenge, HandshakeMessages.ParseChallengeAck(ack)))
        {
            throw new DistributionConnectException(ConnectFailure.WrongCookie, $"Node '{expectedPeerName}' answered our challenge with a wrong digest: it does not share our cookie.");
        }

        var negotiated = DistributionFlagSets.ExpandMandatory25(challenge.Flags) & OurFlags;
        return new HandshakeResult(challenge.NodeName, challenge.Flags, negotiated, challenge.Creation);
    }

    private async Task HandleStatusAsync(Stream stream, string status, CancellationToken cancellationToken)
    {
        switch (status)
        {
            case "ok":
            case "ok_simultaneous":
                return;
            case "alive":
                // The peer still holds a connection from our name: ours, gone stale (we keep one
                // connection per node and names are unique per process). Let it drop the old one.
                await WriteAsync(stream, HandshakeMessages.Status("true"), "status", cancellationToken).ConfigureAwait(false);
                return;
            case "nok":
                throw new DistributionConnectException(ConnectFailure.Busy, $"Node '{expectedPeerName}' is connecting to us at the same time (status nok).");
            case "not_allowed":
                throw new DistributionConnectException(ConnectFailure.NotAllowed, $"Node '{expectedPeerName}' does not allow us to connect (status not_allowed: missing flags or net_kernel:allow).");
            default:
                throw new DistributionConnectException(ConnectFailure.ProtocolError, $"Node '{expectedPeerName}' sent an unknown handshake status '{Truncate(status)}'.");
        }
    }

    // The first reply is where a TLS acceptor gives itself away: it answers our plain send_name
    // with a TLS alert record (0x15 0x03 ...) or simply closes the connection.
    private async Task<byte[]> ReadStatusAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var deadline = StepDeadline(cancellationToken);
        var header = new byte[_headerLength];
        try
        {
            await stream.ReadExactlyAsync(header, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            throw overTls
                ? new DistributionConnectException(ConnectFailure.TlsFailure, $"Node '{expectedPeerName}' closed the TLS connection before answering our name: it probably rejected our client certificate.", e)
                : new DistributionConnectException(ConnectFailure.PeerExpectsTls, $"Node '{expectedPeerName}' closed the connection before answering our name: it probably expects TLS distribution (-proto_dist inet_tls).", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Timeout("status", e);
        }

        if (!overTls && header[0] is 0x15 or 0x16 && header[1] == 0x03)
        {
            throw new DistributionConnectException(ConnectFailure.PeerExpectsTls, $"Node '{expectedPeerName}' answered with a TLS record: it expects TLS distribution (-proto_dist inet_tls).");
        }

        return await ReadBodyAsync(stream, Length(header), "status", cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]> ReadAsync(Stream stream, string step, CancellationToken cancellationToken)
    {
        var header = new byte[_headerLength];
        using (var deadline = StepDeadline(cancellationToken))
        {
            try
            {
                await stream.ReadExactlyAsync(header, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is EndOfStreamException or IOException)
            {
                throw new DistributionConnectException(ConnectFailure.ProtocolError, $"Node '{expectedPeerName}' closed the connection during the handshake ({step}).", e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw Timeout(step, e);
            }
        }

        return await ReadBodyAsync(stream, Length(header), step, cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]> ReadBodyAsync(Stream stream, uint length, string step, CancellationToken cancellationToken)
    {
        if (length is 0 or > MaxMessageLength)
        {
            throw new DistributionConnectException(ConnectFailure.ProtocolError, $"Node '{expectedPeerName}' sent a handshake {step} of {length} bytes.");
        }

        var body = new byte[length];
        using var deadline = StepDeadline(cancellationToken);
        try
        {
            await stream.ReadExactlyAsync(body, deadline.Token).ConfigureAwait(false);
            return body;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            throw new DistributionConnectException(ConnectFailure.ProtocolError, $"Node '{expectedPeerName}' closed the connection during the handshake ({step}).", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Timeout(step, e);
        }
    }

    private async Task WriteAsync(Stream stream, byte[] message, string step, CancellationToken cancellationToken)
    {
        var framed = new byte[_headerLength + message.Length];
        if (_headerLength == 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(framed, (uint)message.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        }

        message.CopyTo(framed, _headerLength);
        using var deadline = StepDeadline(cancellationToken);
        try
        {
            await stream.WriteAsync(framed, deadline.Token).ConfigureAwait(false);
            await stream.FlushAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new DistributionConnectException(ConnectFailure.Unreachable, $"Node '{expectedPeerName}' dropped the connection during the handshake ({step}).", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Timeout(step, e);
        }
    }

    private static uint Length(byte[] header) =>
        header.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(header) : BinaryPrimitives.ReadUInt16BigEndian(header);

    private CancellationTokenSource StepDeadline(CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(stepTimeout);
        return deadline;
    }

    private DistributionConnectException Timeout(string step, Exception inner) =>
        new(ConnectFailure.HandshakeTimeout, $"Node '{expectedPeerName}' did not complete the handshake ({step}) within {stepTimeout.TotalSeconds:0.#} s.", inner);

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
