using System.Net;
using System.Net.Sockets;

namespace EsdbGater.Discovery.Gossip.Listening;

/// <summary>
/// Receives datagrams until cancelled and hands each to a handler. Nothing a sender does can end
/// the loop: handler failures and socket errors are reported and the loop carries on.
/// </summary>
internal static class DatagramReceiveLoop
{
    /// <summary>Largest possible UDP payload, so no datagram is ever truncated.</summary>
    private const int BufferSize = 65_536;

    /// <summary>A pause after a socket error, so a persistent one cannot spin a core.</summary>
    private static readonly TimeSpan ErrorPause = TimeSpan.FromMilliseconds(100);

    public delegate void DatagramHandler(ReadOnlySpan<byte> datagram, IPAddress source);

    public static async Task RunAsync(
        Socket socket,
        DatagramHandler onDatagram,
        Action<Exception> onFault,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        EndPoint anySource = new IPEndPoint(IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, anySource, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                onFault(e);
                await Task.Delay(ErrorPause, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            try
            {
                onDatagram(buffer.AsSpan(0, received.ReceivedBytes), ((IPEndPoint)received.RemoteEndPoint).Address);
            }
            catch (Exception e)
            {
                onFault(e);
            }
        }
    }
}
