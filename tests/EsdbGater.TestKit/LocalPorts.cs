using System.Net;
using System.Net.Sockets;

namespace EsdbGater.TestKit;

/// <summary>Free loopback TCP ports for isolated EPMDs, brokers and distribution listeners.</summary>
public static class LocalPorts
{
    private static readonly object Gate = new();
    private static readonly HashSet<int> Handed = [];

    /// <summary>A port nothing listens on now and that this process has not handed out before.</summary>
    public static int Next()
    {
        lock (Gate)
        {
            while (true)
            {
                using var probe = new TcpListener(IPAddress.Loopback, 0);
                probe.Start();
                var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
