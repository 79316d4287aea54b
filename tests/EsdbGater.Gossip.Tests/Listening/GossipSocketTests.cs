using System.Net;
using System.Net.Sockets;
using EsdbGater.Gossip.Tests.Support;
using Microsoft.Extensions.Logging;
using static EsdbGater.Gossip.Tests.Support.LibclusterHeartbeat;

namespace EsdbGater.Gossip.Tests.Listening;

/// <summary>The socket modes besides multicast (covered with a real BEAM in the integration tests).</summary>
public sealed class GossipSocketTests
{
    [Fact]
    public async Task Broadcast_only_joins_no_group_and_still_hears_unicast()
    {
        await using var discovery = TestGossip.Create(TestGossip.LoopbackOptions with { BroadcastOnly = true, MulticastInterface = null });
        await discovery.StartAsync(CancellationToken.None);

        await SendAsync(Plain(NodeMap("b@127.0.0.1")), discovery.LocalEndPoint!);

        await discovery.WaitForNodeAsync("b@127.0.0.1");
    }

    [Fact]
    public async Task A_non_multicast_group_address_is_warned_about_and_unicast_still_works()
    {
        var logs = new CapturingLoggerFactory();
        var options = TestGossip.LoopbackOptions with { MulticastAddress = IPAddress.Parse("127.255.255.255") };
        await using var discovery = TestGossip.Create(options, logs: logs);
        await discovery.StartAsync(CancellationToken.None);

        await SendAsync(Plain(NodeMap("u@127.0.0.1")), discovery.LocalEndPoint!);

        await discovery.WaitForNodeAsync("u@127.0.0.1");
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("not a multicast group", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_port_can_be_shared_with_another_socket_that_allows_it()
    {
        await using var discovery = TestGossip.Create();
        await discovery.StartAsync(CancellationToken.None);

        using var neighbour = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        neighbour.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        neighbour.Bind(discovery.LocalEndPoint!);

        Assert.Equal(discovery.LocalEndPoint, neighbour.LocalEndPoint);
    }

    [Fact]
    public async Task Starting_twice_is_refused()
    {
        await using var discovery = TestGossip.Create();
        await discovery.StartAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => discovery.StartAsync(CancellationToken.None));
    }

    private static async Task SendAsync(byte[] datagram, IPEndPoint target)
    {
        using var sender = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await sender.SendAsync(datagram, datagram.Length, target);
    }
}
