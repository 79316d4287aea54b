namespace EsdbGater.Contracts;

/// <summary>Response to <see cref="ListSnapshots"/>.</summary>
/// <param name="Store">The store.</param>
/// <param name="Snapshots">The snapshots, ordered by source, stream and version.</param>
public sealed record SnapshotsListed(string Store, IReadOnlyList<Snapshot> Snapshots);
