namespace EsdbGater.Contracts;

/// <summary>Response to <see cref="ReadSnapshot"/> and <see cref="DeleteSnapshot"/>: no snapshot at that key.</summary>
/// <param name="Store">The store.</param>
/// <param name="Key">The key asked for.</param>
public sealed record SnapshotNotFound(string Store, SnapshotKey Key);
