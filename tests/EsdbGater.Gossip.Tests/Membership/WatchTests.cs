using EsdbGater.Gossip.Tests.Support;
using EsdbGater.Plugins.Discovery;
using static EsdbGater.Gossip.Tests.Support.LibclusterHeartbeat;

namespace EsdbGater.Gossip.Tests.Membership;

/// <summary>WatchAsync: the current view first, then newer ones; slow readers get the latest, not a queue.</summary>
public sealed class WatchTests
{
    [Fact]
    public async Task A_watch_starts_with_the_current_snapshot_and_follows_changes()
    {
        await using var discovery = TestGossip.Create();
        discovery.Feed(Plain(NodeMap("a@127.0.0.1")));
        using var stop = new CancellationTokenSource(TestGossip.Deadline);
        await using var watch = discovery.WatchAsync(stop.Token).GetAsyncEnumerator(stop.Token);

        Assert.True(await watch.MoveNextAsync());
        Assert.Same(discovery.Current, watch.Current);

        discovery.Feed(Plain(NodeMap("b@127.0.0.1")));
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(2, watch.Current.Version);
        Assert.Equal(2, watch.Current.Nodes.Count);
    }

    [Fact]
    public async Task A_slow_reader_skips_to_the_latest_snapshot()
    {
        await using var discovery = TestGossip.Create();
        using var stop = new CancellationTokenSource(TestGossip.Deadline);
        await using var watch = discovery.WatchAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(0, watch.Current.Version);

        for (var i = 0; i < 100; i++)
        {
            discovery.Feed(Plain(NodeMap($"n{i}@127.0.0.1")));
        }

        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(100, watch.Current.Version);
        Assert.Equal(100, watch.Current.Nodes.Count);
    }

    [Fact]
    public async Task Cancelling_a_watch_ends_it_quietly()
    {
        await using var discovery = TestGossip.Create();
        using var stop = new CancellationTokenSource();
        var seen = new List<DiscoverySnapshot>();

        var watching = Task.Run(async () =>
        {
            await foreach (var snapshot in discovery.WatchAsync(stop.Token))
            {
                seen.Add(snapshot);
                stop.Cancel();
            }
        });

        await watching.WaitAsync(TestGossip.Deadline);
        Assert.Single(seen);
    }

    [Fact]
    public async Task Disposing_the_discovery_ends_every_watch()
    {
        var discovery = TestGossip.Create();
        await discovery.StartAsync(CancellationToken.None);
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watching = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var _ in discovery.WatchAsync(CancellationToken.None))
            {
                count++;
                first.TrySetResult();
            }

            return count;
        });
        await first.Task.WaitAsync(TestGossip.Deadline);

        await discovery.DisposeAsync();

        Assert.Equal(1, await watching.WaitAsync(TestGossip.Deadline));
    }

    [Fact]
    public async Task A_watch_after_disposal_yields_the_last_snapshot_and_ends()
    {
        var discovery = TestGossip.Create();
        discovery.Feed(Plain(NodeMap("a@127.0.0.1")));
        await discovery.DisposeAsync();

        var seen = new List<DiscoverySnapshot>();
        await foreach (var snapshot in discovery.WatchAsync(CancellationToken.None))
        {
            seen.Add(snapshot);
        }

        Assert.Equal(1, Assert.Single(seen).Version);
    }
}
