using EsdbGater.Host.Cluster;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Pool;
using EsdbGater.Host.Pool.Health;
using EsdbGater.Host.Pool.LoadBalancing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EsdbGater.Host.Tests.Fakes;

/// <summary>A cluster view filled with fake nodes sharing one fake store, and a pool over it.</summary>
internal sealed class TestCluster
{
    public FakeStreamStore Store { get; } = new();

    public ClusterView View { get; } = new();

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));

    public OutstandingCalls Load { get; } = new();

    public PoolOptions PoolOptions { get; } = new();

    public RecordingRefresher Refresher { get; } = new();

    public Dictionary<string, FakeExesdbNode> Nodes { get; } = new(StringComparer.Ordinal);

    public FakeExesdbNode AddNode(string name, params string[] stores)
    {
        var node = new FakeExesdbNode(name, Store, stores.Length == 0 ? ["reg_gh"] : stores);
        Nodes[name] = node;
        Publish(node);
        return node;
    }

    /// <summary>Puts the node with its current worker list into the view.</summary>
    public void Publish(FakeExesdbNode node) =>
        View.Set(node.NodeName, new ClusterNode(node.NodeName, NodeLinkState.Connected, node, [.. node.Workers], Time.GetUtcNow()));

    public void MarkDown(string name) =>
        View.Set(name, new ClusterNode(name, NodeLinkState.Disconnected, null, [], Time.GetUtcNow(), "test"));

    public WorkerPool Pool(Random? random = null) => new(
        View,
        new ConnectedNodesPolicy(),
        new RendezvousHashingPolicy(),
        new PowerOfTwoChoicesPolicy(random ?? new Random(42)),
        Load,
        Options.Create(PoolOptions),
        Time);
}
