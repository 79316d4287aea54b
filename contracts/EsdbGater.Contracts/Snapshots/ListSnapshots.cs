namespace EsdbGater.Contracts;

/// <summary>Request: the snapshots of a store, optionally of one source and/or stream. Responses: <see cref="SnapshotsListed"/> or <see cref="GatewayError"/>.</summary>
/// <param name="Store">The ExESDB store.</param>
/// <param name="SourceUuid">Only this source; <c>null</c>: all sources.</param>
/// <param name="StreamUuid">Only this stream; <c>null</c>: all streams.</param>
public sealed record ListSnapshots(string Store, string? SourceUuid = null, string? StreamUuid = null);
