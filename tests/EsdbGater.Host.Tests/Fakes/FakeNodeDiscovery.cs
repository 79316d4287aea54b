using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EsdbGater.Plugins.Discovery;

namespace EsdbGater.Host.Tests.Fakes;

internal sealed class FakeNodeDiscovery : INodeDiscovery
{
    private readonly Channel<DiscoverySnapshot> _snapshots = Channel.CreateUnbounded<DiscoverySnapshot>();

    public DiscoverySnapshot Current { get; private set; } = DiscoverySnapshot.Empty;

    public ConcurrentQueue<(string Node, NodeConnectionState State)> Reports { get; } = new();

    public void Publish(params string[] nodes) => Publish([.. nodes.Select(n => new DiscoveredNode(n))]);

    public void Publish(IReadOnlyList<DiscoveredNode> nodes)
    {
        Current = new DiscoverySnapshot(Current.Version + 1, nodes);
        _snapshots.Writer.TryWrite(Current);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async IAsyncEnumerable<DiscoverySnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var snapshot in _snapshots.Reader.ReadAllAsync(cancellationToken))
        {
            yield return snapshot;
        }
    }

    public void ReportConnectionState(string nodeName, NodeConnectionState state) => Reports.Enqueue((nodeName, state));

    public ValueTask DisposeAsync()
    {
        _snapshots.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
