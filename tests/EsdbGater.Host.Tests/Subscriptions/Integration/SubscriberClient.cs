using System.Collections.Concurrent;
using System.Text.Json;
using EsdbGater.Contracts;
using EsdbGater.Host.Tests.Subscriptions.Fakes;
using EsdbGater.TestKit.RabbitMq;
using MassTransit;

namespace EsdbGater.Host.Tests.Subscriptions.Integration;

/// <summary>
/// A .NET service as a gateway client: a MassTransit bus on the test broker that sends requests
/// to one gateway's queues and consumes its subscriptions' destination queues in order
/// (concurrency 1), recording what arrives.
/// </summary>
internal sealed class SubscriberClient : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly string _prefix;
    private readonly ConcurrentQueue<object> _received = new();

    private SubscriberClient(IBusControl bus, string prefix)
    {
        _bus = bus;
        _prefix = prefix;
    }

    public Changes Changes { get; } = new();

    public IReadOnlyList<object> Received => _received.ToList();

    public IReadOnlyList<SubscribedEvent> Events(string subscription) =>
        Received.OfType<SubscribedEvent>().Where(e => e.SubscriptionName == subscription).ToList();

    /// <summary>Starts a bus that consumes the durable queues <paramref name="destinations"/>.</summary>
    public static async Task<SubscriberClient> StartAsync(RabbitMqEndpoint broker, string gatewayPrefix, params string[] destinations)
    {
        SubscriberClient? client = null;
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(broker);
            foreach (var destination in destinations)
            {
                cfg.ReceiveEndpoint(destination, e =>
                {
                    e.ConfigureConsumeTopology = false;
                    e.ConcurrentMessageLimit = 1;
                    e.PrefetchCount = 64;
                    e.Handler<SubscribedEvent>(c => client!.Record(c.Message));
                    e.Handler<SubscriptionCaughtUp>(c => client!.Record(c.Message));
                    e.Handler<SubscriptionFellBehind>(c => client!.Record(c.Message));
                    e.Handler<SubscriptionDropped>(c => client!.Record(c.Message));
                });
            }
        });
        client = new SubscriberClient(bus, gatewayPrefix);
        await bus.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return client;
    }

    /// <summary>A temporary (auto-delete) endpoint, as a transient subscriber makes one; returns its address and a handle to close it.</summary>
    public async Task<(Uri Address, HostReceiveEndpointHandle Handle)> ConnectTemporaryEndpointAsync()
    {
        var handle = _bus.ConnectReceiveEndpoint(new TemporaryEndpointDefinition(), DefaultEndpointNameFormatter.Instance, e =>
        {
            e.ConcurrentMessageLimit = 1;
            e.Handler<SubscribedEvent>(c => Record(c.Message));
            e.Handler<SubscriptionCaughtUp>(c => Record(c.Message));
            e.Handler<SubscriptionDropped>(c => Record(c.Message));
        });
        var ready = await handle.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        return (ready.InputAddress, handle);
    }

    public async Task<SubscriptionSaved> SaveAsync(SaveSubscription request)
    {
        var client = _bus.CreateRequestClient<SaveSubscription>(new Uri($"queue:{_prefix}.save-subscription"), RequestTimeout.After(s: 30));
        var response = await client.GetResponse<SubscriptionSaved, GatewayError>(request);
        return response.Is(out Response<SubscriptionSaved>? saved)
            ? saved!.Message
            : throw new InvalidOperationException("SaveSubscription failed: " + response.Message);
    }

    public async Task<object> RemoveAsync(string store, string name)
    {
        var client = _bus.CreateRequestClient<RemoveSubscription>(new Uri($"queue:{_prefix}.remove-subscription"), RequestTimeout.After(s: 30));
        var response = await client.GetResponse<SubscriptionRemoved, SubscriptionNotFound, GatewayError>(new RemoveSubscription(store, name));
        return response.Message;
    }

    public async Task<SubscriptionsListed> ListAsync(string store)
    {
        var client = _bus.CreateRequestClient<GetSubscriptions>(new Uri($"queue:{_prefix}.get-subscriptions"), RequestTimeout.After(s: 30));
        var response = await client.GetResponse<SubscriptionsListed, GatewayError>(new GetSubscriptions(store));
        return response.Is(out Response<SubscriptionsListed>? listed)
            ? listed!.Message
            : throw new InvalidOperationException("GetSubscriptions failed: " + response.Message);
    }

    /// <summary>Appends <paramref name="count"/> events through the gateway; returns the last number.</summary>
    public async Task<long> AppendAsync(string store, string stream, int count, string eventType = "thing_happened:v1", Func<int, object>? data = null)
    {
        var client = _bus.CreateRequestClient<AppendEvents>(new Uri($"queue:{_prefix}.append-events"), RequestTimeout.After(s: 30));
        var events = Enumerable.Range(0, count)
            .Select(i => new EventData(Guid.NewGuid(), eventType, JsonSerializer.SerializeToElement(data?.Invoke(i) ?? new { i })))
            .ToList();
        var response = await client.GetResponse<EventsAppended, WrongExpectedVersion, GatewayError>(new AppendEvents(store, stream, events));
        return response.Message is EventsAppended appended
            ? appended.LastEventNumber
            : throw new InvalidOperationException("AppendEvents failed: " + response.Message);
    }

    public Task WaitForDistinctAsync(string subscription, int count, TimeSpan? timeout = null) =>
        Changes.WaitAsync(
            () => Events(subscription).Select(e => (e.StreamId, e.EventNumber)).Distinct().Count() >= count,
            $"{count} distinct events of {subscription}",
            timeout ?? TimeSpan.FromSeconds(30));

    public Task WaitForAsync<T>(Func<T, bool> match, string what, TimeSpan? timeout = null) =>
        Changes.WaitAsync(() => Received.OfType<T>().Any(match), what, timeout ?? TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync() => await _bus.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

    private Task Record(object message)
    {
        _received.Enqueue(message);
        Changes.Notify();
        return Task.CompletedTask;
    }
}
