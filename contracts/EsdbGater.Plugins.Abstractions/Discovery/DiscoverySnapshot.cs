namespace EsdbGater.Plugins.Discovery;

/// <summary>An immutable view of the known nodes.</summary>
/// <param name="Version">Increases with every change, so consumers can skip stale views.</param>
/// <param name="Nodes">The nodes, one entry per node name.</param>
public sealed record DiscoverySnapshot(long Version, IReadOnlyList<DiscoveredNode> Nodes)
{
    public static DiscoverySnapshot Empty { get; } = new(0, []);
}
