using System.Net;
using System.Net.Sockets;
using EsdbGater.Discovery.Gossip.Listening;

namespace EsdbGater.Gossip.Tests.Listening;

/// <summary>Nothing a handler does ends the receive loop; cancellation does, quietly.</summary>
public sealed class DatagramReceiveLoopTests
{
    [Fact]
    public async Task A_throwing_handler_is_reported_and_the_loop_carries_on()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var stop = new CancellationTokenSource();
        var faults = 0;
        var handled = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);

        var loop = DatagramReceiveLoop.RunAsync(
            socket,
            (datagram, _) =>
            {
                if (datagram[0] == 0)
                {
                    throw new InvalidOperationException("handler bug");
                }

                handled.TrySetResult(datagram.ToArray());
            },
            _ => Interlocked.Increment(ref faults),
            TimeProvider.System,
            stop.Token);

        using var sender = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        for (var i = 0; i < 3; i++)
        {
            await sender.SendAsync([0], 1, (IPEndPoint)socket.LocalEndPoint!);
        }

        await sender.SendAsync([1, 2, 3], 3, (IPEndPoint)socket.LocalEndPoint!);

        Assert.Equal([1, 2, 3], await handled.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(3, Volatile.Read(ref faults));
        stop.Cancel();
        await loop.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(loop.IsCompletedSuccessfully);
    }
}
