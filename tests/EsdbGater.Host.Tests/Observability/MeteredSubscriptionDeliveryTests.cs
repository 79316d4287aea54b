using System.Text.Json;
using EsdbGater.Contracts;
using EsdbGater.Host.Observability;
using EsdbGater.Host.Subscriptions.Seams;
using EsdbGater.Host.Tests.Subscriptions.Fakes;

using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static EsdbGater.Host.Tests.Observability.TestMeters;

namespace EsdbGater.Host.Tests.Observability;

public sealed class MeteredSubscriptionDeliveryTests : IDisposable
{
    private static readonly DeliveryTarget Target = new(new Uri("queue:projection"), Durable: true);
    private readonly TestMeters _meters = new();
    private readonly FakeDelivery _inner = new();

    [Fact]
    public async Task Confirmed_events_are_counted_per_store_and_subscription_and_notices_are_not()
    {
        using var delivered = _meters.Collect<long>(GatewayMetrics.SubscriptionDeliveredEvents);
        var delivery = new MeteredSubscriptionDelivery(_inner, _meters.Metrics());

        await delivery.SendAsync(Target, Event("projection", 0), CancellationToken.None);
        await delivery.SendAsync(Target, Event("projection", 1), CancellationToken.None);
        await delivery.SendAsync(Target, new SubscriptionCaughtUp("projection", "reg_gh", DateTimeOffset.UtcNow), CancellationToken.None);

        var measurements = delivered.GetMeasurementSnapshot();
        Assert.Equal(2, measurements.EvaluateAsCounter());
        Assert.All(measurements, m => Assert.True(m.MatchesTags(Tag(GatewayTelemetry.StoreTag, "reg_gh"), Tag(GatewayTelemetry.SubscriptionTag, "projection"))));
        Assert.Equal(3, _inner.Messages.Count);
    }

    [Fact]
    public async Task An_event_is_counted_only_once_the_broker_confirmed_it()
    {
        using var delivered = _meters.Collect<long>(GatewayMetrics.SubscriptionDeliveredEvents);
        var delivery = new MeteredSubscriptionDelivery(_inner, _meters.Metrics());
        _inner.Hold = true;

        var sending = delivery.SendAsync(Target, Event("projection", 0), CancellationToken.None);
        await _inner.Changes.WaitAsync(() => _inner.HeldCount == 1, "the send to be held");
        Assert.Empty(delivered.GetMeasurementSnapshot());
        _inner.Release();
        await sending;

        Assert.Equal(1, delivered.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task A_failed_send_is_not_counted_and_its_failure_passes_through()
    {
        using var delivered = _meters.Collect<long>(GatewayMetrics.SubscriptionDeliveredEvents);
        var delivery = new MeteredSubscriptionDelivery(_inner, _meters.Metrics());
        _inner.Fail = _ => new DestinationGoneException("queue:projection");

        await Assert.ThrowsAsync<DestinationGoneException>(() => delivery.SendAsync(Target, Event("projection", 0), CancellationToken.None));

        Assert.Empty(delivered.GetMeasurementSnapshot());
    }

    public void Dispose() => _meters.Dispose();

    private static SubscribedEvent Event(string subscription, long number) =>
        new(subscription, "reg_gh", "orders-1", number, new RecordedEvent("orders-1", number, Guid.NewGuid().ToString(), "thing_happened:v1", JsonDocument.Parse("{}").RootElement, null, "application/json", DateTimeOffset.UtcNow), Redelivered: false);
}
