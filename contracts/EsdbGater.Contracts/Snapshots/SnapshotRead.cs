namespace EsdbGater.Contracts;

/// <summary>Response to <see cref="ReadSnapshot"/>: the snapshot exists.</summary>
/// <param name="Store">The store.</param>
/// <param name="Snapshot">The snapshot.</param>
public sealed record SnapshotRead(string Store, Snapshot Snapshot);
