using EsdbGater.Host.Pool;
using EsdbGater.Host.Pool.Health;
using EsdbGater.Host.Pool.LoadBalancing;
using EsdbGater.Host.Tests.Fakes;

namespace EsdbGater.Host.Tests.Pool;

public sealed class PowerOfTwoChoicesPolicyTests
{
    [Fact]
    public void Of_two_nodes_the_less_loaded_is_always_chosen()
    {
        var (candidates, load) = Cluster(2);
        load.Increment("node1@host");
        load.Increment("node1@host");
        load.Increment("node2@host");
        var policy = new PowerOfTwoChoicesPolicy(new Random(7));

        var picks = Enumerable.Range(0, 100).Select(_ => policy.Pick(candidates, new LoadBalancingContext(null, load)).NodeName);

        Assert.All(picks, p => Assert.Equal("node2@host", p));
    }

    [Fact]
    public void The_single_most_loaded_node_is_never_chosen_and_the_others_share_the_load()
    {
        var (candidates, load) = Cluster(4);
        for (var i = 0; i < 10; i++)
        {
            load.Increment("node3@host");
        }

        var policy = new PowerOfTwoChoicesPolicy(new Random(11));
        var picks = Enumerable.Range(0, 400).Select(_ => policy.Pick(candidates, new LoadBalancingContext(null, load)).NodeName).ToList();

        Assert.DoesNotContain("node3@host", picks);
        Assert.Equal(3, picks.Distinct().Count());
    }

    [Fact]
    public void A_single_candidate_is_chosen()
    {
        var (candidates, load) = Cluster(1);
        Assert.Equal("node1@host", new PowerOfTwoChoicesPolicy().Pick(candidates, new LoadBalancingContext(null, load)).NodeName);
    }

    private static (IReadOnlyList<PoolCandidate>, OutstandingCalls) Cluster(int nodes)
    {
        var cluster = new TestCluster();
        for (var i = 1; i <= nodes; i++)
        {
            cluster.AddNode($"node{i}@host");
        }

        return (new ConnectedNodesPolicy().Candidates(cluster.View.Current, "reg_gh"), cluster.Load);
    }
}
