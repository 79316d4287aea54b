using System.Net;
using EsdbGater.Plugins.Discovery;

namespace EsdbGater.Discovery.Gossip.Membership;

/// <summary>What the table knows of one node name.</summary>
/// <param name="NodeName">The name from the heartbeat.</param>
/// <param name="Source">Where its latest heartbeat came from.</param>
/// <param name="HostResolves">
/// Whether the name's host part resolves; <c>null</c> while that is being checked, and the node is
/// not reported until it is known (so the reported EPMD host never flips because of the check).
/// </param>
/// <param name="LastHeard">When its latest heartbeat arrived.</param>
/// <param name="Connected">The host reported a live connection: the node is kept even if its heartbeats stop reaching us.</param>
/// <param name="ConnectFailures">Failed connects since the last success.</param>
/// <param name="ConnectNotBefore">Back-off advice for the host.</param>
internal sealed record NodeEntry(
    string NodeName,
    IPAddress Source,
    bool? HostResolves,
    DateTimeOffset LastHeard,
    bool Connected,
    int ConnectFailures,
    DateTimeOffset? ConnectNotBefore)
{
    public bool IsReported => HostResolves is not null;

    /// <summary>How the host sees it: the source address stands in for a host part that does not resolve.</summary>
    public DiscoveredNode ToDiscoveredNode() =>
        new(NodeName, HostResolves == true ? null : Source.ToString(), ConnectNotBefore);

    public bool IsQuiet(DateTimeOffset now, TimeSpan expireAfter) => !Connected && now - LastHeard >= expireAfter;
}
