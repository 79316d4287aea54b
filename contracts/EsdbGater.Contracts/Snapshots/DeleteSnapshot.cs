namespace EsdbGater.Contracts;

/// <summary>
/// Request: delete one snapshot. Responses: <see cref="SnapshotDeleted"/> or <see cref="GatewayError"/>.
/// Deleting a missing snapshot succeeds (the end state is the same).
/// </summary>
/// <remarks>
/// ExESDB deletes by fire-and-forget cast; the gateway answers <see cref="SnapshotDeleted"/>
/// after it has read the key back as empty, and <see cref="GatewayErrorCode.Timeout"/> when it
/// could not confirm that in time.
/// </remarks>
/// <param name="Store">The ExESDB store.</param>
/// <param name="Key">Which snapshot.</param>
public sealed record DeleteSnapshot(string Store, SnapshotKey Key);
