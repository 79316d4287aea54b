namespace EsdbGater.Contracts;

/// <summary>Request: the ids of a store's streams. Responses: <see cref="StreamsListed"/> or <see cref="GatewayError"/>.</summary>
/// <param name="Store">The ExESDB store.</param>
public sealed record GetStreams(string Store);
