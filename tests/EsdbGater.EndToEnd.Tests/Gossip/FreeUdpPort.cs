using System.Net;
using System.Net.Sockets;

namespace EsdbGater.EndToEnd.Tests.Gossip;

/// <summary>A UDP port on 127.0.0.1 that nothing is bound to now (LocalPorts probes TCP).</summary>
internal static class FreeUdpPort
{
    public static int Next()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
