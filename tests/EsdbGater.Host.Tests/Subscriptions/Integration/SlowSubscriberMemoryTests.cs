using EsdbGater.Contracts;
using EsdbGater.TestKit.ExesdbDev;
using EsdbGater.TestKit.RabbitMq;
using Xunit.Abstractions;

namespace EsdbGater.Host.Tests.Subscriptions.Integration;

/// <summary>
/// A subscriber that takes events but never acknowledges them, while a flood of large events
/// arrives live: the gateway holds its in-flight window, drops its bounded live buffer, and its
/// memory stays bounded instead of growing with the flood.
/// </summary>
[Collection(MemoryMeasurementCollection.Name)]
public sealed class SlowSubscriberMemoryTests(RabbitMqFixture rabbit, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Store = "reg_gh";
    private const int EventBytes = 8 * 1024;
    private const int Events = 4000;
    private readonly string _prefix = "sub-" + Guid.NewGuid().ToString("N")[..8];
    private DevCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await DevCluster.StartAsync(new DevClusterOptions());

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_flood_for_a_subscriber_that_never_acknowledges_does_not_grow_gateway_memory()
    {
        await using var gateway = await InProcessGateway.StartAsync(_cluster, rabbit.Endpoint, _prefix, new Dictionary<string, string>
        {
            ["Subscriptions:LiveBufferSize"] = "64",
            ["Transport:Tcp:FeedCapacity"] = "64",
        });
        var destination = _prefix + ".slow";
        await using var client = await SubscriberClient.StartAsync(rabbit.Endpoint, _prefix, destination);
        await client.SaveAsync(new SaveSubscription(Store, "slow", SubscriptionType.ByStream, "$flood", destination, CheckpointMode: CheckpointMode.ClientAck, MaxInFlight: 32));
        await client.WaitForAsync<SubscriptionCaughtUp>(_ => true, "caught up");
        var padding = new string('x', EventBytes);

        // A first flood fills the window and warms the pools of the append path (same process),
        // so that what follows measures the subscription alone.
        await FloodAsync(client, padding, Events / 2);
        await client.WaitForDistinctAsync("slow", 32);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        await FloodAsync(client, padding, Events);
        await Fakes.Changes.EventuallyAsync(
            async () => Assert.Single((await client.ListAsync(Store)).Subscriptions).Lag >= (Events * 3 / 2) - 32,
            "the subscription to report the flood as lag");
        var after = GC.GetTotalMemory(forceFullCollection: true);

        var floodBytes = (long)Events * EventBytes;
        output.WriteLine($"managed heap {before / 1024 / 1024} MB before, {after / 1024 / 1024} MB after a {floodBytes / 1024 / 1024} MB flood");
        // Buffering the flood would hold it twice over (UTF-16 strings); bounded buffers hold a few MB.
        Assert.True(after - before < floodBytes / 2, $"memory grew by {(after - before) / 1024 / 1024} MB for a {floodBytes / 1024 / 1024} MB flood");
        Assert.Equal(32, client.Events("slow").Count);
        var info = Assert.Single((await client.ListAsync(Store)).Subscriptions);
        Assert.Equal(32, info.InFlight);
    }

    private static async Task FloodAsync(SubscriberClient client, string padding, int events)
    {
        for (var sent = 0; sent < events; sent += 100)
        {
            await client.AppendAsync(Store, "flood", 100, data: i => new { i, padding });
        }
    }
}

/// <summary>
/// Measures the managed heap of this process, so it runs alone: no other test may allocate
/// meanwhile. It gets its own broker for that reason.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection : ICollectionFixture<RabbitMqFixture>
{
    public const string Name = "Subscriptions memory measurement";
}
