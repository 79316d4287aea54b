using System.Net;

namespace EsdbGater.Discovery.Gossip.Configuration;

/// <summary>
/// The gossip listener's settings, validated. The cluster secret is deliberately not here: a
/// record prints every property, and the secret must never reach a log.
/// </summary>
/// <param name="Port">UDP port of the heartbeats; 0 picks a free port (tests).</param>
/// <param name="Interface">Address the socket binds to (libcluster's <c>if_addr</c>).</param>
/// <param name="MulticastAddress">Group to join (or, with <paramref name="BroadcastOnly"/>, the broadcast address the cluster sends to).</param>
/// <param name="MulticastInterface">Interface address the group is joined on; <c>null</c> lets the kernel choose.</param>
/// <param name="BroadcastOnly">Join no group; accept broadcast datagrams instead.</param>
/// <param name="ExpireAfter">A node not heard from for this long, and not connected, is dropped.</param>
/// <param name="MaxNodes">Most nodes the table holds; new names beyond it are ignored.</param>
/// <param name="ConnectBackoffInitial">Back-off advised after the first failed connect; doubles with each further failure.</param>
/// <param name="ConnectBackoffMax">Longest back-off advised.</param>
/// <param name="OwnNodeName">The gateway's own node name, ignored if it ever shows up in a heartbeat.</param>
public sealed record GossipOptions(
    int Port,
    IPAddress Interface,
    IPAddress MulticastAddress,
    IPAddress? MulticastInterface,
    bool BroadcastOnly,
    TimeSpan ExpireAfter,
    int MaxNodes,
    TimeSpan ConnectBackoffInitial,
    TimeSpan ConnectBackoffMax,
    string? OwnNodeName)
{
    /// <summary>libcluster's and ExESDB's heartbeat port.</summary>
    public const int DefaultPort = 45892;

    /// <summary>
    /// ExESDB's effective group. libcluster alone defaults to 233.252.1.32, but every ExESDB node
    /// configures its topology with <c>EX_ESDB_GOSSIP_MULTICAST_ADDR</c> defaulting to
    /// 239.255.0.1, and ExESDB clusters are what this gateway listens to.
    /// </summary>
    public static readonly IPAddress DefaultMulticastAddress = IPAddress.Parse("239.255.0.1");

    /// <summary>The defaults: listen on 0.0.0.0:45892 and join 239.255.0.1 on the kernel's choice of interface.</summary>
    public static GossipOptions Default { get; } = new(
        Port: DefaultPort,
        Interface: IPAddress.Any,
        MulticastAddress: DefaultMulticastAddress,
        MulticastInterface: null,
        BroadcastOnly: false,
        ExpireAfter: TimeSpan.FromSeconds(30),
        MaxNodes: 256,
        ConnectBackoffInitial: TimeSpan.FromSeconds(1),
        ConnectBackoffMax: TimeSpan.FromSeconds(60),
        OwnNodeName: null);
}
