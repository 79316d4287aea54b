using System.Collections.Concurrent;
using EsdbGater.Plugins.Discovery;
using EsdbGater.Plugins.Transport;

namespace EsdbGater.Host.Tests.Fakes;

/// <summary>Connects to fake nodes by name; a name without a node fails like an unregistered node.</summary>
internal sealed class FakeNodeTransport(FakeStreamStore store) : INodeTransport
{
    public string LocalNodeName => "gater_maint_test@localhost";

    /// <summary>The stores of each reachable node; remove a name to make it unreachable.</summary>
    public ConcurrentDictionary<string, string[]> Reachable { get; } = new();

    /// <summary>Every connection made, newest last.</summary>
    public ConcurrentQueue<FakeExesdbNode> Connections { get; } = new();

    public ConcurrentDictionary<string, int> Attempts { get; } = new();

    /// <summary>When each connection attempt was made, by <see cref="Clock"/>.</summary>
    public ConcurrentQueue<(string Node, DateTimeOffset At)> AttemptTimes { get; } = new();

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public Task<IExesdbNode> ConnectAsync(DiscoveredNode node, CancellationToken cancellationToken)
    {
        Attempts.AddOrUpdate(node.NodeName, 1, (_, n) => n + 1);
        AttemptTimes.Enqueue((node.NodeName, Clock.GetUtcNow()));
        if (!Reachable.TryGetValue(node.NodeName, out var stores))
        {
            throw new NodeConnectException(NodeConnectFailure.NotRegistered, node.NodeName, $"{node.NodeName} is not registered");
        }

        var connection = new FakeExesdbNode(node.NodeName, store, stores);
        Connections.Enqueue(connection);
        return Task.FromResult<IExesdbNode>(connection);
    }

    public FakeExesdbNode Latest(string nodeName) => Connections.Last(c => c.NodeName == nodeName);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
