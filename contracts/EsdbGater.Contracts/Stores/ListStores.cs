namespace EsdbGater.Contracts;

/// <summary>Request: the stores the cluster's store registry knows. Responses: <see cref="StoresListed"/> or <see cref="GatewayError"/>.</summary>
public sealed record ListStores;
