namespace EsdbGater.Host.Pool.LoadBalancing;

/// <summary>Picks one worker among the available candidates.</summary>
internal interface ILoadBalancingPolicy
{
    /// <summary>The policy's name, for logs and configuration.</summary>
    string Name { get; }

    /// <summary>One of <paramref name="candidates"/> (never empty).</summary>
    PoolCandidate Pick(IReadOnlyList<PoolCandidate> candidates, LoadBalancingContext context);
}
