using EsdbGater.Host.Pool;
using EsdbGater.Host.Pool.Health;
using EsdbGater.Host.Pool.LoadBalancing;
using EsdbGater.Host.Tests.Fakes;

namespace EsdbGater.Host.Tests.Pool;

public sealed class RendezvousHashingPolicyTests
{
    private static readonly string[] Streams = [.. Enumerable.Range(0, 3000).Select(i => $"order-{i}")];
    private readonly RendezvousHashingPolicy _policy = new();

    [Fact]
    public void A_stream_has_the_same_owner_whatever_the_candidate_order()
    {
        var cluster = ClusterOf(5);
        var candidates = Candidates(cluster);
        var reversed = candidates.AsEnumerable().Reverse().ToList();
        foreach (var stream in Streams.Take(200))
        {
            Assert.Equal(Owner(candidates, stream), Owner(reversed, stream));
        }
    }

    [Fact]
    public void Streams_spread_over_all_nodes()
    {
        var candidates = Candidates(ClusterOf(5));
        var perNode = Streams.GroupBy(s => Owner(candidates, s)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(5, perNode.Count);
        Assert.All(perNode.Values, count => Assert.InRange(count, Streams.Length / 5 * 0.7, Streams.Length / 5 * 1.3));
    }

    [Fact]
    public void When_a_node_leaves_only_its_streams_move_and_they_come_back_when_it_returns()
    {
        var cluster = ClusterOf(5);
        var before = Streams.ToDictionary(s => s, s => Owner(Candidates(cluster), s));
        cluster.MarkDown("node3@host");
        var during = Streams.ToDictionary(s => s, s => Owner(Candidates(cluster), s));
        cluster.AddNode("node3@host");
        var after = Streams.ToDictionary(s => s, s => Owner(Candidates(cluster), s));

        var moved = Streams.Where(s => before[s] != during[s]).ToList();
        Assert.NotEmpty(moved);
        Assert.All(moved, s => Assert.Equal("node3@host", before[s]));
        Assert.All(Streams.Where(s => before[s] == "node3@host"), s => Assert.NotEqual("node3@host", during[s]));
        Assert.Equal(before, after);
    }

    [Fact]
    public void Needs_an_affinity_key()
    {
        var candidates = Candidates(ClusterOf(2));
        Assert.Throws<ArgumentException>(() => _policy.Pick(candidates, new LoadBalancingContext(null, new OutstandingCalls())));
    }

    private string Owner(IReadOnlyList<PoolCandidate> candidates, string stream) =>
        _policy.Pick(candidates, new LoadBalancingContext(stream, new OutstandingCalls())).NodeName;

    private static TestCluster ClusterOf(int nodes)
    {
        var cluster = new TestCluster();
        for (var i = 1; i <= nodes; i++)
        {
            cluster.AddNode($"node{i}@host");
        }

        return cluster;
    }

    private static IReadOnlyList<PoolCandidate> Candidates(TestCluster cluster) =>
        new ConnectedNodesPolicy().Candidates(cluster.View.Current, "reg_gh");
}
