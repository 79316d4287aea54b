using EsdbGater.Host.Pool.Health;
using EsdbGater.Host.Tests.Fakes;

namespace EsdbGater.Host.Tests.Pool;

public sealed class ConnectedNodesPolicyTests
{
    private readonly ConnectedNodesPolicy _policy = new();

    [Fact]
    public void Only_workers_of_the_requested_store_are_candidates()
    {
        var cluster = new TestCluster();
        cluster.AddNode("a@host", "reg_gh");
        cluster.AddNode("b@host", "other");
        cluster.AddNode("c@host", "reg_gh", "other");

        var candidates = _policy.Candidates(cluster.View.Current, "reg_gh");

        Assert.Equal(["a@host", "c@host"], candidates.Select(c => c.NodeName).Order());
        Assert.All(candidates, c => Assert.Equal("reg_gh", c.Worker.Store));
    }

    [Fact]
    public void Disconnected_nodes_and_lost_connections_are_not_candidates()
    {
        var cluster = new TestCluster();
        cluster.AddNode("a@host");
        cluster.AddNode("b@host");
        var lost = cluster.AddNode("c@host");
        cluster.MarkDown("b@host");
        lost.Disconnect();

        Assert.Equal(["a@host"], _policy.Candidates(cluster.View.Current, "reg_gh").Select(c => c.NodeName));
    }

    [Fact]
    public void Without_a_store_every_worker_of_a_healthy_node_is_a_candidate()
    {
        var cluster = new TestCluster();
        cluster.AddNode("a@host", "reg_gh", "other");
        cluster.AddNode("b@host", "third");

        Assert.Equal(3, _policy.Candidates(cluster.View.Current, null).Count);
    }
}
