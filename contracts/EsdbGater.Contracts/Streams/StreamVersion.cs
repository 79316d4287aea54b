namespace EsdbGater.Contracts;

/// <summary>Response to <see cref="GetVersion"/>.</summary>
/// <param name="Store">The store.</param>
/// <param name="StreamId">The stream.</param>
/// <param name="Version">0-based number of the stream's last event; -1 when it has none.</param>
public sealed record StreamVersion(string Store, string StreamId, long Version);
