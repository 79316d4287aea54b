using EsdbGater.Plugins.Discovery;

namespace EsdbGater.Host.Tests.Discovery;

/// <summary>The latest-snapshot publisher both discovery plugins serve their watches from.</summary>
public sealed class DiscoverySnapshotPublisherTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public void Each_change_is_a_new_version_and_an_equal_list_is_none()
    {
        var publisher = new DiscoverySnapshotPublisher();

        Assert.Same(DiscoverySnapshot.Empty, publisher.Current);
        Assert.True(publisher.TryPublish(Nodes("a@h")));
        Assert.False(publisher.TryPublish(Nodes("a@h")));
        Assert.True(publisher.TryPublish(Nodes("a@h", "b@h")));

        Assert.Equal(2, publisher.Current.Version);
        Assert.Equal(["a@h", "b@h"], publisher.Current.Nodes.Select(n => n.NodeName));
    }

    [Fact]
    public void A_snapshot_keeps_its_own_immutable_copy()
    {
        var publisher = new DiscoverySnapshotPublisher();
        var nodes = new List<DiscoveredNode>(Nodes("a@h"));

        publisher.TryPublish(nodes);
        nodes.Add(new DiscoveredNode("b@h"));

        Assert.Single(publisher.Current.Nodes);
        Assert.Throws<NotSupportedException>(() => ((IList<DiscoveredNode>)publisher.Current.Nodes).Add(new DiscoveredNode("c@h")));
    }

    [Fact]
    public async Task A_slow_watcher_skips_to_the_latest_version()
    {
        var publisher = new DiscoverySnapshotPublisher();
        using var stop = new CancellationTokenSource(Deadline);
        await using var watch = publisher.WatchAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(0, watch.Current.Version);

        for (var i = 0; i < 10; i++)
        {
            publisher.TryPublish(Nodes($"n{i}@h"));
        }

        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(10, watch.Current.Version);
    }

    [Fact]
    public async Task Cancelling_a_watch_ends_it_without_an_exception()
    {
        var publisher = new DiscoverySnapshotPublisher();
        using var stop = new CancellationTokenSource();
        await using var watch = publisher.WatchAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await watch.MoveNextAsync());

        var next = watch.MoveNextAsync().AsTask();
        stop.Cancel();

        Assert.False(await next.WaitAsync(Deadline));
    }

    [Fact]
    public async Task Completing_ends_every_watch_after_the_latest_version()
    {
        var publisher = new DiscoverySnapshotPublisher();
        using var stop = new CancellationTokenSource(Deadline);
        await using var waiting = publisher.WatchAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        await using var behind = publisher.WatchAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await waiting.MoveNextAsync());
        Assert.True(await behind.MoveNextAsync());
        var next = waiting.MoveNextAsync().AsTask();

        publisher.TryPublish(Nodes("a@h"));
        publisher.Complete();

        Assert.True(await next.WaitAsync(Deadline));
        Assert.Equal(1, waiting.Current.Version);
        Assert.False(await waiting.MoveNextAsync());
        Assert.True(await behind.MoveNextAsync());
        Assert.Equal(1, behind.Current.Version);
        Assert.False(await behind.MoveNextAsync());
        Assert.False(publisher.TryPublish(Nodes("b@h")));
        Assert.Equal([1L], await publisher.WatchAsync(stop.Token).Select(s => s.Version).ToListAsync(stop.Token));
    }

    private static DiscoveredNode[] Nodes(params string[] names) => [.. names.Select(n => new DiscoveredNode(n))];
}
