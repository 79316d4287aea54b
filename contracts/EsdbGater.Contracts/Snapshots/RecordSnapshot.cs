namespace EsdbGater.Contracts;

/// <summary>
/// Request: store a snapshot (replacing one at the same key). Responses:
/// <see cref="SnapshotRecorded"/> or <see cref="GatewayError"/>.
/// </summary>
/// <remarks>
/// ExESDB takes snapshots as a fire-and-forget cast; the gateway answers
/// <see cref="SnapshotRecorded"/> only after it has read the snapshot back, and
/// <see cref="GatewayErrorCode.Timeout"/> when it could not confirm it in time.
/// </remarks>
/// <param name="Store">The ExESDB store.</param>
/// <param name="Snapshot">The snapshot; <see cref="Snapshot.Created"/> defaults to the gateway's clock.</param>
public sealed record RecordSnapshot(string Store, Snapshot Snapshot);
