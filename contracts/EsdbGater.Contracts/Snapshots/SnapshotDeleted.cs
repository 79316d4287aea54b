namespace EsdbGater.Contracts;

/// <summary>Response to <see cref="DeleteSnapshot"/>: no snapshot remains at the key.</summary>
/// <param name="Store">The store.</param>
/// <param name="Key">The deleted key.</param>
public sealed record SnapshotDeleted(string Store, SnapshotKey Key);
