using System.Net;
using System.Net.Sockets;

namespace EsdbGater.Erlang.Distribution.Epmd;

/// <summary>Asks a (possibly remote) EPMD where a node listens. One TCP connection per lookup.</summary>
public static class EpmdClient
{
    /// <summary>Replies larger than this are not EPMD (names are at most 255 bytes, Extra is small).</summary>
    private const int MaxReplyLength = 4096;

    /// <summary>
    /// PORT_PLEASE2 for <paramref name="alive"/> at <paramref name="address"/>:<paramref name="epmdPort"/>.
    /// Throws <see cref="DistributionConnectException"/> (EpmdUnreachable, NotRegistered,
    /// UnsupportedVersion, ProtocolError, HandshakeTimeout).
    /// </summary>
    public static async Task<EpmdNodeEntry> LookupAsync(IPAddress address, int epmdPort, string alive, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, epmdPort), deadline.Token).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new DistributionConnectException(ConnectFailure.EpmdUnreachable, $"EPMD at {address}:{epmdPort} is unreachable ({e.SocketErrorCode}).", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DistributionConnectException(ConnectFailure.EpmdUnreachable, $"EPMD at {address}:{epmdPort} did not accept a connection within {timeout.TotalSeconds:0.#} s.", e);
        }

        try
        {
            await socket.SendAsync(EpmdProtocol.BuildPortPlease2Request(alive), SocketFlags.None, deadline.Token).ConfigureAwait(false);
            var reply = await ReadUntilClosedAsync(socket, deadline.Token).ConfigureAwait(false);
            return EpmdProtocol.ParsePort2Response(reply, alive);
        }
        catch (SocketException e)
        {
            throw new DistributionConnectException(ConnectFailure.EpmdUnreachable, $"EPMD at {address}:{epmdPort} dropped the lookup of '{alive}' ({e.SocketErrorCode}).", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DistributionConnectException(ConnectFailure.HandshakeTimeout, $"EPMD at {address}:{epmdPort} did not answer the lookup of '{alive}' within {timeout.TotalSeconds:0.#} s.", e);
        }
    }

    // EPMD closes the socket after PORT2_RESP, so the reply is everything before the close.
    private static async Task<byte[]> ReadUntilClosedAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxReplyLength];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer[..filled];
            }

            filled += read;
        }

        throw new DistributionConnectException(ConnectFailure.ProtocolError, $"EPMD's reply exceeded {MaxReplyLength} bytes.");
    }
}
