namespace EsdbGater.Host.Pool.LoadBalancing;

/// <summary>What a policy may consider besides the candidates.</summary>
/// <param name="AffinityKey">The key that must keep landing on one node (a stream), if any.</param>
/// <param name="Load">Calls in flight per node.</param>
internal sealed record LoadBalancingContext(string? AffinityKey, OutstandingCalls Load);
