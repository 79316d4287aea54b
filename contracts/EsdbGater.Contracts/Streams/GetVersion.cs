namespace EsdbGater.Contracts;

/// <summary>Request: a stream's version. Responses: <see cref="StreamVersion"/> or <see cref="GatewayError"/>.</summary>
/// <param name="Store">The ExESDB store.</param>
/// <param name="StreamId">The stream.</param>
public sealed record GetVersion(string Store, string StreamId);
