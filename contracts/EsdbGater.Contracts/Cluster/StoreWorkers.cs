namespace EsdbGater.Contracts;

/// <summary>How many gateway workers of one store run on a node.</summary>
/// <param name="Store">The store.</param>
/// <param name="Count">Number of workers.</param>
public sealed record StoreWorkers(string Store, int Count);
