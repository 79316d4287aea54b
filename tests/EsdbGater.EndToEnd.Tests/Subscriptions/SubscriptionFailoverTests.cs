using EsdbGater.Contracts;
using EsdbGater.EndToEnd.Tests.Fixtures;
using EsdbGater.TestKit.Gateway;
using MassTransit;
using Xunit.Abstractions;

namespace EsdbGater.EndToEnd.Tests.Subscriptions;

/// <summary>
/// Persistent subscriptions across gateway processes: checkpoints kept in ExESDB, one owner at a
/// time through RabbitMQ's single active consumer, at-least-once delivery through kills.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SubscriptionFailoverTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    private const string Store = EndToEndFixture.Store;

    [Fact]
    public async Task Killing_the_owning_gateway_mid_stream_loses_no_event_and_another_replica_takes_over()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Step(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.00} s  {what}");
        await using var replicas = new SubscriptionReplicas(fixture);
        var first = await replicas.StartAsync();
        var second = await replicas.StartAsync();
        var stream = Events.Stream("failover");
        var destination = replicas.Prefix + ".failover";
        var received = new Arrivals<SubscribedEvent>();
        var endpoint = fixture.Bus.ConnectReceiveEndpoint(destination, e =>
        {
            e.ConcurrentMessageLimit = 1;
            e.Handler<SubscribedEvent>(c => received.Add(c.Message));
        });
        await endpoint.Ready;
        try
        {
            var saved = await replicas.Client<SaveSubscription>("save-subscription")
                .GetResponse<SubscriptionSaved, GatewayError>(new SaveSubscription(Store, "failover", SubscriptionType.ByStream, "$" + stream, destination));
            Assert.IsType<SubscriptionSaved>(saved.Message);
            Step("two replicas started, subscription saved");
            await AppendAsync(stream, 10, 5);
            await received.WaitUntilAsync(r => Distinct(r) >= 50, "the first 50 events", TimeSpan.FromSeconds(60));
            var owner = await WaitForOwnerAsync(replicas, null);
            Step($"50 events delivered by {owner}");
            var (victim, survivor) = first.Output.Contains(owner, StringComparison.Ordinal) ? (first, second) : (second, first);
            Assert.Contains(owner, victim.Output, StringComparison.Ordinal);

            // Kill the owner while events keep coming, then add a fresh replica.
            var appending = AppendAsync(stream, 20, 5);
            await replicas.KillAsync(victim);
            Step("owner killed");
            var newOwner = await WaitForOwnerAsync(replicas, owner);
            Step($"{newOwner} took over");
            Assert.Contains(newOwner, survivor.Output, StringComparison.Ordinal);
            await appending;
            await replicas.StartAsync();
            Step("third replica started");
            await AppendAsync(stream, 10, 5);

            await received.WaitUntilAsync(r => Distinct(r) >= 200, "all 200 events", TimeSpan.FromSeconds(60));
            Step("all 200 events delivered");
            var events = received.Items;
            var handled = new List<long>();
            var seen = new HashSet<long>();
            foreach (var e in events)
            {
                if (!seen.Add(e.EventNumber))
                {
                    // A duplicate: only after the takeover, flagged, and recognisable by its number.
                    Assert.True(e.Redelivered, $"event {e.EventNumber} came twice without the redelivered flag");
                }
                else
                {
                    handled.Add(e.EventNumber);
                }
            }

            Assert.Equal(Enumerable.Range(0, 200).Select(n => (long)n), handled);
        }
        finally
        {
            await endpoint.StopAsync();
            await replicas.Client<RemoveSubscription>("remove-subscription")
                .GetResponse<SubscriptionRemoved, SubscriptionNotFound, GatewayError>(new RemoveSubscription(Store, "failover"));
        }

        async Task AppendAsync(string s, int batches, int size)
        {
            // Through the fixture's own gateway, by address: unaffected by the replicas dying.
            var client = fixture.Bus.CreateRequestClient<AppendEvents>(new Uri("queue:esdb-gater.append-events"), RequestTimeout.After(s: 20));
            for (var i = 0; i < batches; i++)
            {
                var response = await client.GetResponse<EventsAppended, WrongExpectedVersion, GatewayError>(new AppendEvents(Store, s, Events.Many(size)));
                Assert.IsType<EventsAppended>(response.Message);
            }
        }
    }

    private static int Distinct(IEnumerable<SubscribedEvent> events) => events.Select(e => e.EventNumber).Distinct().Count();

    /// <summary>The subscription's owner once it is not <paramref name="previous"/> (external state: polled with a deadline).</summary>
    private static async Task<string> WaitForOwnerAsync(SubscriptionReplicas replicas, string? previous)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var info = await replicas.InfoAsync("failover");
            if (info is { Owner: { } owner, State: SubscriptionState.Live or SubscriptionState.CatchingUp } && owner != previous)
            {
                return owner;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No new owner (previous {previous}); last status: {info}");
            }

            await Task.Delay(100);
        }
    }
}
