namespace EsdbGater.Host.Pool.LoadBalancing;

/// <summary>
/// Reads: pick two candidates at random and take the one whose node has fewer calls in flight.
/// Nearly as good as always taking the least loaded, without herding every request onto the
/// node that was idle a moment ago.
/// </summary>
internal sealed class PowerOfTwoChoicesPolicy(Random random) : ILoadBalancingPolicy
{
    public PowerOfTwoChoicesPolicy()
        : this(Random.Shared)
    {
    }

    public string Name => "PowerOfTwoChoices";

    public PoolCandidate Pick(IReadOnlyList<PoolCandidate> candidates, LoadBalancingContext context)
    {
        if (candidates.Count == 0)
        {
            throw new ArgumentException("No candidates.", nameof(candidates));
        }

        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        var first = random.Next(candidates.Count);
        var second = random.Next(candidates.Count - 1);
        if (second >= first)
        {
            second++;
        }

        var a = candidates[first];
        var b = candidates[second];
        return context.Load.Of(b.NodeName) < context.Load.Of(a.NodeName) ? b : a;
    }
}
