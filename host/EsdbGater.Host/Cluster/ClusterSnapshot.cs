using System.Collections.Immutable;

namespace EsdbGater.Host.Cluster;

/// <summary>An immutable view of every node the gateway knows, and its workers.</summary>
/// <param name="Version">Increases with every change.</param>
/// <param name="Nodes">Nodes by name.</param>
internal sealed record ClusterSnapshot(long Version, ImmutableSortedDictionary<string, ClusterNode> Nodes)
{
    public static ClusterSnapshot Empty { get; } = new(0, ImmutableSortedDictionary.Create<string, ClusterNode>(StringComparer.Ordinal));

    /// <summary>Stores with at least one worker on a healthy node.</summary>
    public IEnumerable<string> ServedStores =>
        Nodes.Values.Where(n => n.IsHealthy).SelectMany(n => n.Workers).Select(w => w.Store).Distinct(StringComparer.Ordinal);
}
