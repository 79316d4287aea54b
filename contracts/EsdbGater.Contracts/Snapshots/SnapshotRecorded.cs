namespace EsdbGater.Contracts;

/// <summary>Response to <see cref="RecordSnapshot"/>: the snapshot is stored and was read back.</summary>
/// <param name="Store">The store.</param>
/// <param name="Key">Where it is stored.</param>
public sealed record SnapshotRecorded(string Store, SnapshotKey Key);
