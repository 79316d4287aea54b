namespace EsdbGater.Contracts;

/// <summary>Identifies a snapshot: ExESDB keys snapshots by source, stream and version.</summary>
/// <param name="SourceUuid">The snapshot's source (usually the aggregate id).</param>
/// <param name="StreamUuid">The stream the snapshot was taken of.</param>
/// <param name="Version">Non-negative version the snapshot represents.</param>
public sealed record SnapshotKey(string SourceUuid, string StreamUuid, long Version);
