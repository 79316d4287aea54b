namespace EsdbGater.Contracts;

/// <summary>
/// Request: one snapshot. Responses: <see cref="SnapshotRead"/>, <see cref="SnapshotNotFound"/>
/// or <see cref="GatewayError"/>.
/// </summary>
/// <param name="Store">The ExESDB store.</param>
/// <param name="Key">Which snapshot.</param>
public sealed record ReadSnapshot(string Store, SnapshotKey Key);
