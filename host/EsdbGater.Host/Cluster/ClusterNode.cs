using System.Collections.Immutable;
using EsdbGater.Plugins.Transport;

namespace EsdbGater.Host.Cluster;

/// <summary>One node as the cluster monitor last saw it. Immutable: a change makes a new snapshot.</summary>
/// <param name="NodeName">Full node name.</param>
/// <param name="State">The link state.</param>
/// <param name="Connection">The live connection while <see cref="NodeLinkState.Connected"/>.</param>
/// <param name="Workers">Gateway workers listed on the node (empty unless connected).</param>
/// <param name="Since">When the node entered <paramref name="State"/>.</param>
/// <param name="LastError">Why the last connection attempt failed or the connection ended.</param>
internal sealed record ClusterNode(
    string NodeName,
    NodeLinkState State,
    IExesdbNode? Connection,
    ImmutableArray<GatewayWorkerRef> Workers,
    DateTimeOffset Since,
    string? LastError = null)
{
    /// <summary>Connected, and the transport has not noticed a loss yet.</summary>
    public bool IsHealthy => State == NodeLinkState.Connected && Connection is { IsConnected: true };

    public IEnumerable<GatewayWorkerRef> WorkersOf(string store) =>
        Workers.Where(w => string.Equals(w.Store, store, StringComparison.Ordinal));

    public static ClusterNode Connecting(string nodeName, DateTimeOffset now) =>
        new(nodeName, NodeLinkState.Connecting, null, [], now);
}
