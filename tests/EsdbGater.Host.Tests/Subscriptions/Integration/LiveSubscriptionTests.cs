using EsdbGater.Contracts;
using EsdbGater.TestKit.ExesdbDev;
using EsdbGater.TestKit.RabbitMq;

namespace EsdbGater.Host.Tests.Subscriptions.Integration;

/// <summary>
/// Subscriptions through a real gateway (in this process), a real RabbitMQ and a development
/// ExESDB node whose emitter pool broadcasts (PubSub delivery).
/// </summary>
[Collection(RabbitMqFixture.CollectionName)]
public sealed class LiveSubscriptionTests(RabbitMqFixture rabbit, StartedClusterFixture node) : IAsyncLifetime, IClassFixture<StartedClusterFixture>
{
    private const string Store = "reg_gh";
    private readonly string _prefix = "sub-" + Guid.NewGuid().ToString("N")[..8];
    private readonly DevCluster _cluster = node.Cluster;
    private InProcessGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await InProcessGateway.StartAsync(_cluster, rabbit.Endpoint, _prefix);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_persistent_subscription_from_the_beginning_receives_history_then_live_events_in_order()
    {
        var destination = _prefix + ".history-then-live";
        await using var client = await SubscriberClient.StartAsync(rabbit.Endpoint, _prefix, destination);
        await client.AppendAsync(Store, "orders-1", 40);

        var saved = await client.SaveAsync(new SaveSubscription(Store, "history-then-live", SubscriptionType.ByStream, "$orders-1", destination));
        Assert.True(saved.Created);
        await client.WaitForAsync<SubscriptionCaughtUp>(c => c.SubscriptionName == "history-then-live", "caught up");
        for (var i = 0; i < 6; i++)
        {
            await client.AppendAsync(Store, "orders-1", 10);
        }

        await client.WaitForDistinctAsync("history-then-live", 100);
        var numbers = client.Events("history-then-live").Select(e => e.EventNumber).ToList();
        Assert.Equal(Enumerable.Range(0, 100).Select(n => (long)n), numbers);
        var caughtUp = client.Received.ToList().FindIndex(m => m is SubscriptionCaughtUp);
        Assert.Equal(40, client.Received.Take(caughtUp).OfType<SubscribedEvent>().Count());
        var listed = await client.ListAsync(Store);
        var info = Assert.Single(listed.Subscriptions);
        Assert.Equal(LiveFeedState.LiveViaPubSub, info.LiveFeed);
        Assert.NotNull(info.Owner);
    }

    [Fact]
    public async Task By_event_type_and_by_payload_subscriptions_deliver_only_matching_events_of_every_stream()
    {
        var byType = _prefix + ".by-type";
        var byPayload = _prefix + ".by-payload";
        await using var client = await SubscriberClient.StartAsync(rabbit.Endpoint, _prefix, byType, byPayload);
        await client.AppendAsync(Store, "carts-1", 4, "item_added:v1", i => new { sku = "a", qty = i });
        await client.SaveAsync(new SaveSubscription(Store, "by-type", SubscriptionType.ByEventType, "order_placed:v1", byType));
        await client.SaveAsync(new SaveSubscription(Store, "by-payload", SubscriptionType.ByEventPayload, """{"customer":{"tier":"gold"}}""", byPayload));

        await client.AppendAsync(Store, "orders-7", 3, "order_placed:v1", i => new { customer = new { id = "c" + i, tier = i == 1 ? "gold" : "silver" } });
        await client.AppendAsync(Store, "carts-1", 2, "item_added:v1", _ => new { customer = new { tier = "gold" } });
        await client.AppendAsync(Store, "orders-8", 1, "order_placed:v1", _ => new { total = 3 });

        await client.WaitForDistinctAsync("by-type", 4);
        await client.WaitForDistinctAsync("by-payload", 3);
        Assert.Equal([("orders-7", 0L), ("orders-7", 1L), ("orders-7", 2L), ("orders-8", 0L)], client.Events("by-type").Select(e => (e.StreamId, e.EventNumber)).Order());
        Assert.Equal([("carts-1", 4L), ("carts-1", 5L), ("orders-7", 1L)], client.Events("by-payload").Select(e => (e.StreamId, e.EventNumber)).Order());
        Assert.All(client.Events("by-type"), e => Assert.Equal("order_placed:v1", e.Event.EventType));
    }

    [Fact]
    public async Task Removing_a_subscription_stops_delivery_though_the_node_keeps_broadcasting()
    {
        var destination = _prefix + ".removed";
        await using var client = await SubscriberClient.StartAsync(rabbit.Endpoint, _prefix, destination);
        await client.SaveAsync(new SaveSubscription(Store, "removed", SubscriptionType.ByStream, "$orders-9", destination));
        await client.AppendAsync(Store, "orders-9", 5);
        await client.WaitForDistinctAsync("removed", 5);

        var removed = Assert.IsType<SubscriptionRemoved>(await client.RemoveAsync(Store, "removed"));
        Assert.True(removed.OwnerStopped);
        await client.AppendAsync(Store, "orders-9", 5);

        // The gateway's own subscription on the same stream proves the events were broadcast and handled.
        var probe = _prefix + ".probe";
        await using var prober = await SubscriberClient.StartAsync(rabbit.Endpoint, _prefix, probe);
        await prober.SaveAsync(new SaveSubscription(Store, "probe", SubscriptionType.ByStream, "$orders-9", probe));
        await prober.WaitForDistinctAsync("probe", 10);
        await client.WaitForAsync<SubscriptionDropped>(d => d.Reason == SubscriptionDropReason.Removed, "the drop notice");
        Assert.Equal(5, client.Events("removed").Count);
        Assert.DoesNotContain((await client.ListAsync(Store)).Subscriptions, s => s.Name == "removed");
    }

    [Fact]
    public async Task A_transient_subscription_ends_when_its_client_goes_away()
    {
        await using var client = await SubscriberClient.StartAsync(rabbit.Endpoint, _prefix);
        var watcher = await SubscriberClient.StartAsync(rabbit.Endpoint, _prefix);
        var (address, _) = await watcher.ConnectTemporaryEndpointAsync();
        await watcher.SaveAsync(new SaveSubscription(Store, "watcher", SubscriptionType.ByStream, "$orders-3", address.ToString(), SubscriptionLifetime.Transient));
        await client.AppendAsync(Store, "orders-3", 3);
        await watcher.WaitForDistinctAsync("watcher", 3);
        Assert.Contains((await client.ListAsync(Store)).Subscriptions, s => s.Name == "watcher" && s.Lifetime == SubscriptionLifetime.Transient);

        // The client process goes: its connection closes and RabbitMQ deletes its temporary queue.
        await watcher.DisposeAsync();
        await client.AppendAsync(Store, "orders-3", 1);

        await Fakes.Changes.EventuallyAsync(
            async () => (await client.ListAsync(Store)).Subscriptions.All(s => s.Name != "watcher"),
            "the transient subscription to end",
            TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_transient_subscription_is_removed_whichever_replica_takes_the_request()
    {
        await using var second = await InProcessGateway.StartAsync(_cluster, rabbit.Endpoint, _prefix);
        await using var client = await SubscriberClient.StartAsync(rabbit.Endpoint, _prefix);
        var (address, _) = await client.ConnectTemporaryEndpointAsync();
        for (var round = 0; round < 3; round++)
        {
            var name = $"watcher-{round}";
            await client.SaveAsync(new SaveSubscription(Store, name, SubscriptionType.ByStream, "$orders-11", address.ToString(), SubscriptionLifetime.Transient, StartFrom.End));
            await client.WaitForAsync<SubscriptionCaughtUp>(c => c.SubscriptionName == name, "caught up");

            var removed = Assert.IsType<SubscriptionRemoved>(await client.RemoveAsync(Store, name));

            Assert.True(removed.OwnerStopped);
            await client.WaitForAsync<SubscriptionDropped>(d => d.SubscriptionName == name && d.Reason == SubscriptionDropReason.Removed, "the drop notice");
            Assert.DoesNotContain((await client.ListAsync(Store)).Subscriptions, s => s.Name == name);
        }
    }

    [Fact]
    public async Task When_the_owning_replica_stops_another_replica_takes_over_and_the_subscriber_misses_nothing()
    {
        var destination = _prefix + ".handover";
        await using var second = await InProcessGateway.StartAsync(_cluster, rabbit.Endpoint, _prefix);
        await using var client = await SubscriberClient.StartAsync(rabbit.Endpoint, _prefix, destination);
        await client.SaveAsync(new SaveSubscription(Store, "handover", SubscriptionType.ByStream, "$orders-5", destination));
        await client.AppendAsync(Store, "orders-5", 20);
        await client.WaitForDistinctAsync("handover", 20);
        var owner = Assert.Single((await client.ListAsync(Store)).Subscriptions).Owner;
        var (ownerGateway, other) = owner == _gateway.ReplicaId ? (_gateway, second) : (second, _gateway);
        Assert.Equal(owner, ownerGateway.ReplicaId);

        var appending = Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await client.AppendAsync(Store, "orders-5", 5);
            }
        });
        await ownerGateway.DisposeAsync();
        await appending;

        await client.WaitForDistinctAsync("handover", 70);
        var numbers = client.Events("handover").Select(e => e.EventNumber).ToList();
        Assert.Equal(Enumerable.Range(0, 70).Select(n => (long)n), Deduplicated(numbers));
        await Fakes.Changes.EventuallyAsync(
            async () => (await client.ListAsync(Store)).Subscriptions.Single().Owner == other.ReplicaId,
            "the other replica to report itself as owner");
    }

    [Fact]
    public async Task Another_gateway_on_the_same_store_neither_lists_nor_delivers_this_gateways_subscriptions()
    {
        var otherPrefix = "sub-" + Guid.NewGuid().ToString("N")[..8];
        await using var other = await InProcessGateway.StartAsync(_cluster, rabbit.Endpoint, otherPrefix);
        var destination = _prefix + ".mine";
        await using var client = await SubscriberClient.StartAsync(rabbit.Endpoint, _prefix, destination);
        await using var otherClient = await SubscriberClient.StartAsync(rabbit.Endpoint, otherPrefix);
        await client.SaveAsync(new SaveSubscription(Store, "mine", SubscriptionType.ByStream, "$orders-6", destination));

        for (var i = 0; i < 4; i++)
        {
            await client.AppendAsync(Store, "orders-6", 5);
        }

        await client.WaitForDistinctAsync("mine", 20);
        Assert.Empty((await otherClient.ListAsync(Store)).Subscriptions);
        await client.AppendAsync(Store, "orders-6", 1);
        await client.WaitForDistinctAsync("mine", 21);
        Assert.Equal(Enumerable.Range(0, 21).Select(n => (long)n), client.Events("mine").Select(e => e.EventNumber));
    }

    /// <summary>What a consumer that skips numbers it has seen handles, in order.</summary>
    private static IEnumerable<long> Deduplicated(IEnumerable<long> numbers)
    {
        var last = -1L;
        foreach (var n in numbers)
        {
            if (n > last)
            {
                last = n;
                yield return n;
            }
        }
    }
}
