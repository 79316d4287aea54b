using EsdbGater.Contracts;
using EsdbGater.TestKit.ExesdbDev;
using EsdbGater.TestKit.RabbitMq;

namespace EsdbGater.Host.Tests.Subscriptions.Integration;

/// <summary>
/// A development node in ExESDB 0.11's emitter mode: after a normal start no emitter pool runs,
/// so nothing is ever broadcast. Delivery must not depend on PubSub.
/// </summary>
[Collection(RabbitMqFixture.CollectionName)]
public sealed class NoEmitterSubscriptionTests(RabbitMqFixture rabbit) : IAsyncLifetime
{
    private const string Store = "reg_gh";
    private readonly string _prefix = "sub-" + Guid.NewGuid().ToString("N")[..8];
    private DevCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await DevCluster.StartAsync(new DevClusterOptions { EmitterMode = DevEmitterMode.Exesdb011 });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Without_emitters_events_arrive_by_polling_and_the_subscription_says_so()
    {
        await using var gateway = await InProcessGateway.StartAsync(_cluster, rabbit.Endpoint, _prefix);
        var destination = _prefix + ".polled";
        await using var client = await SubscriberClient.StartAsync(rabbit.Endpoint, _prefix, destination);
        await client.AppendAsync(Store, "orders-1", 10);
        await client.SaveAsync(new SaveSubscription(Store, "polled", SubscriptionType.ByStream, "$all", destination));
        await client.WaitForAsync<SubscriptionCaughtUp>(_ => true, "caught up");

        await client.AppendAsync(Store, "orders-1", 10);
        await client.AppendAsync(Store, "orders-2", 5);

        await client.WaitForDistinctAsync("polled", 25);
        Assert.Equal(Enumerable.Range(0, 20).Select(n => (long)n), client.Events("polled").Where(e => e.StreamId == "orders-1").Select(e => e.EventNumber));
        Assert.Equal(Enumerable.Range(0, 5).Select(n => (long)n), client.Events("polled").Where(e => e.StreamId == "orders-2").Select(e => e.EventNumber));
        var info = Assert.Single((await client.ListAsync(Store)).Subscriptions);
        Assert.Equal(LiveFeedState.PollingNoEmitters, info.LiveFeed);
        Assert.Equal(SubscriptionState.Live, info.State);
    }

    [Fact]
    public async Task With_repair_enabled_the_gateway_starts_the_missing_pool_and_switches_to_live_without_a_gap()
    {
        await using var gateway = await InProcessGateway.StartAsync(_cluster, rabbit.Endpoint, _prefix, new Dictionary<string, string>
        {
            ["Subscriptions:RepairEmitters"] = "true",
            ["Subscriptions:PollMaxInterval"] = "00:00:05",
        });
        var destination = _prefix + ".repaired";
        await using var client = await SubscriberClient.StartAsync(rabbit.Endpoint, _prefix, destination);
        await client.SaveAsync(new SaveSubscription(Store, "repaired", SubscriptionType.ByStream, "$orders-4", destination));
        await client.AppendAsync(Store, "orders-4", 5);

        await Fakes.Changes.EventuallyAsync(
            async () => Assert.Single((await client.ListAsync(Store)).Subscriptions).LiveFeed == LiveFeedState.LiveViaPubSub,
            "the repaired pool to broadcast",
            TimeSpan.FromSeconds(30));
        for (var i = 0; i < 5; i++)
        {
            await client.AppendAsync(Store, "orders-4", 5);
        }

        await client.WaitForDistinctAsync("repaired", 30);
        Assert.Equal(Enumerable.Range(0, 30).Select(n => (long)n), client.Events("repaired").Select(e => e.EventNumber));
    }
}
