using System.Net;
using System.Net.Sockets;
using EsdbGater.Discovery.Gossip.Configuration;
using EsdbGater.Plugins;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Discovery.Gossip.Listening;

/// <summary>Opens the UDP socket the way libcluster's gossip does, for listening only.</summary>
internal static class GossipSocket
{
    public static Socket Open(GossipOptions options, ILogger logger)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // Before bind, so the port is shared with libcluster nodes on the same host (they set
            // SO_REUSEADDR and SO_REUSEPORT; on Linux .NET sets both for UDP from this one option).
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            Bind(socket, options);
            Listen(socket, options, logger);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>IPv4 224.0.0.0/4.</summary>
    public static bool IsMulticast(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork && (address.GetAddressBytes()[0] & 0xF0) == 0xE0;

    private static void Bind(Socket socket, GossipOptions options)
    {
        try
        {
            socket.Bind(new IPEndPoint(options.Interface, options.Port));
        }
        catch (SocketException e)
        {
            throw new PluginConfigurationException(
                $"Gossip cannot listen on udp {options.Interface}:{options.Port} ({e.SocketErrorCode}); check Discovery:Gossip:Interface (EX_ESDB_CLUSTER_INTERFACE) and Port (EX_ESDB_CLUSTER_PORT).");
        }
    }

    private static void Listen(Socket socket, GossipOptions options, ILogger logger)
    {
        if (options.BroadcastOnly)
        {
            socket.EnableBroadcast = true;
            return;
        }

        if (!IsMulticast(options.MulticastAddress))
        {
            // ExESDB's dev environment sets a broadcast address with broadcast_only false: those
            // datagrams still arrive on a socket bound to 0.0.0.0, so listen rather than fail.
            logger.LogWarning(
                "Gossip address {Address} is not a multicast group; joining none and accepting unicast and broadcast heartbeats",
                options.MulticastAddress);
            socket.EnableBroadcast = true;
            return;
        }

        if (!options.Interface.Equals(IPAddress.Any) && !options.Interface.Equals(options.MulticastAddress))
        {
            logger.LogWarning(
                "Gossip socket is bound to {Interface}: Linux delivers group datagrams only to sockets bound to 0.0.0.0 or to the group {Group}, so only unicast heartbeats will arrive",
                options.Interface,
                options.MulticastAddress);
        }

        try
        {
            socket.SetSocketOption(
                SocketOptionLevel.IP,
                SocketOptionName.AddMembership,
                new MulticastOption(options.MulticastAddress, options.MulticastInterface ?? IPAddress.Any));
        }
        catch (SocketException e)
        {
            throw new PluginConfigurationException(
                $"Gossip cannot join multicast group {options.MulticastAddress} on interface {options.MulticastInterface?.ToString() ?? "(any)"} ({e.SocketErrorCode}); check Discovery:Gossip:MulticastAddress (EX_ESDB_GOSSIP_MULTICAST_ADDR) and MulticastInterface.");
        }
    }
}
