using EsdbGater.Contracts;
using EsdbGater.TestKit.ExesdbDev;
using EsdbGater.TestKit.RabbitMq;

namespace EsdbGater.Host.Tests.Subscriptions.Integration;

/// <summary>
/// A node that comes back without its data (ExESDB deletes its store on a clean shutdown; a
/// development node with RAM storage forgets everything on restart): the gateway reports data
/// loss and stops, instead of delivering the new events under numbers already delivered.
/// </summary>
[Collection(RabbitMqFixture.CollectionName)]
public sealed class DataLossSubscriptionTests(RabbitMqFixture rabbit) : IAsyncLifetime
{
    private const string Store = "reg_gh";
    private readonly string _prefix = "sub-" + Guid.NewGuid().ToString("N")[..8];
    private DevCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await DevCluster.StartAsync(new DevClusterOptions { Storage = DevStorage.Ram });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_stream_that_went_back_below_what_was_delivered_is_reported_as_data_loss()
    {
        await using var gateway = await InProcessGateway.StartAsync(_cluster, rabbit.Endpoint, _prefix);
        var destination = _prefix + ".lost";
        await using var client = await SubscriberClient.StartAsync(rabbit.Endpoint, _prefix, destination);
        await client.SaveAsync(new SaveSubscription(Store, "lost", SubscriptionType.ByStream, "$orders-1", destination));
        await client.AppendAsync(Store, "orders-1", 10);
        await client.WaitForDistinctAsync("lost", 10);

        await _cluster[0].RestartAsync();
        await Fakes.Changes.EventuallyAsync(
            async () =>
            {
                try
                {
                    await client.AppendAsync(Store, "orders-1", 3);
                    return true;
                }
                catch (InvalidOperationException)
                {
                    return false; // The gateway has not reconnected yet.
                }
            },
            "an append after the restart",
            TimeSpan.FromSeconds(30));

        var dropped = await WaitForDroppedAsync(client);
        Assert.Equal(SubscriptionDropReason.DataLoss, dropped.Reason);
        Assert.Contains("orders-1", dropped.Message);
        await Fakes.Changes.EventuallyAsync(
            async () => (await client.ListAsync(Store)).Subscriptions.SingleOrDefault(s => s.Name == "lost")?.State == SubscriptionState.DataLoss,
            "the subscription to be listed in data-loss state",
            TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, 10).Select(n => (long)n), client.Events("lost").Select(e => e.EventNumber));
    }

    private static async Task<SubscriptionDropped> WaitForDroppedAsync(SubscriberClient client)
    {
        await client.WaitForAsync<SubscriptionDropped>(_ => true, "the data-loss notice", TimeSpan.FromSeconds(30));
        return client.Received.OfType<SubscriptionDropped>().Single();
    }
}
