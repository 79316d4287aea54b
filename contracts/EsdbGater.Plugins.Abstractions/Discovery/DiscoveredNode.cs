namespace EsdbGater.Plugins.Discovery;

/// <summary>A node that discovery knows of.</summary>
/// <param name="NodeName">Full node name, <c>alive@host</c>.</param>
/// <param name="EpmdHost">
/// Where to ask EPMD when the host part of the name does not resolve (gossip: the datagram's
/// source address). <c>null</c> means "the host part of the name".
/// </param>
/// <param name="ConnectNotBefore">
/// Discovery's back-off advice: do not try to connect before this time (<c>null</c>: now).
/// </param>
public sealed record DiscoveredNode(string NodeName, string? EpmdHost = null, DateTimeOffset? ConnectNotBefore = null);
