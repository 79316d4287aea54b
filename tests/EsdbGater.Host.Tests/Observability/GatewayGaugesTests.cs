using EsdbGater.Contracts;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Observability;
using EsdbGater.Host.Subscriptions.Engine;
using EsdbGater.Host.Subscriptions.Seams;
using EsdbGater.Host.Tests.Fakes;
using EsdbGater.Host.Tests.Subscriptions;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Tests.Observability;

/// <summary>The observable instruments, read as a scrape reads them.</summary>
public sealed class GatewayGaugesTests : IAsyncDisposable
{
    private readonly TestMeters _meters = new();
    private readonly TestCluster _cluster = new();
    private readonly RunningSubscriptions _running = new();
    private readonly EngineHarness _engine = new();

    public GatewayGaugesTests() =>
        _ = new GatewayGauges(_meters.Factory, _cluster.View, Options.Create(new GatewayOptions { Stores = ["reg_gh", "lost_store"] }), _running);

    [Fact]
    public void Nodes_are_counted_by_link_state()
    {
        _cluster.AddNode("a@host");
        _cluster.AddNode("b@host");
        _cluster.MarkDown("c@host");

        var nodes = Observe(GatewayGauges.ClusterNodes, GatewayTelemetry.NodeStateTag);

        Assert.Equal(new Dictionary<string, long> { ["connecting"] = 0, ["connected"] = 2, ["disconnected"] = 1 }, nodes);
    }

    [Fact]
    public void Connected_nodes_and_workers_are_counted_per_store_and_a_configured_store_without_workers_reads_zero()
    {
        var a = _cluster.AddNode("a@host", "reg_gh", "other");
        a.Workers.Add(new("reg_gh", "a@host", "<a@host.reg_gh.2>"));
        _cluster.Publish(a);
        _cluster.AddNode("b@host", "reg_gh");
        _cluster.MarkDown("c@host");

        Assert.Equal(new Dictionary<string, long> { ["lost_store"] = 0, ["other"] = 1, ["reg_gh"] = 2 }, Observe(GatewayGauges.StoreNodes, GatewayTelemetry.StoreTag));
        Assert.Equal(new Dictionary<string, long> { ["lost_store"] = 0, ["other"] = 1, ["reg_gh"] = 3 }, Observe(GatewayGauges.StoreWorkers, GatewayTelemetry.StoreTag));
    }

    [Fact]
    public async Task The_lag_of_each_running_subscription_is_reported_until_it_stops()
    {
        _engine.Store.Append("orders-1", 5);
        _engine.Delivery.Hold = true; // sends wait for the test to confirm them
        var runner = new SubscriptionRunner(
            EngineHarness.Definition(name: "projection", lifetime: SubscriptionLifetime.Transient),
            new DeliveryTarget(new Uri("queue:projection"), Durable: false),
            new Dictionary<string, long>(),
            resumed: false,
            DateTimeOffset.UtcNow,
            _engine.Dependencies() with { Running = _running });
        runner.Start();
        try
        {
            // The first send goes alone; once confirmed, the other four go out and stay unconfirmed.
            await _engine.Delivery.Changes.WaitAsync(() => _engine.Delivery.Events.Count >= 1, "the first event");
            _engine.Delivery.Release(1);
            await EventuallyAsync(() => Lag().GetValueOrDefault("projection") == 4, () => $"lag 4; saw {string.Join(", ", Lag())}");

            _engine.Delivery.Hold = false;
            _engine.Delivery.Release();
            await EventuallyAsync(() => Lag().GetValueOrDefault("projection", -1) == 0, () => $"lag 0; saw {string.Join(", ", Lag())}");
        }
        finally
        {
            _engine.Delivery.Hold = false;
            _engine.Delivery.Release();
            await runner.StopAsync(flush: false);
        }

        await EventuallyAsync(() => Lag().Count == 0, () => "no lag once stopped");
    }

    public async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync();
        _meters.Dispose();
    }

    private Dictionary<string, long> Lag()
    {
        using var collector = _meters.Collect<long>(GatewayGauges.SubscriptionLag);
        collector.RecordObservableInstruments();
        return collector.GetMeasurementSnapshot()
            .Where(m => Equals(m.Tags[GatewayTelemetry.StoreTag], EngineHarness.StoreName))
            .ToDictionary(m => (string)m.Tags[GatewayTelemetry.SubscriptionTag]!, m => m.Value);
    }

    private Dictionary<string, long> Observe(string instrument, string tag)
    {
        using var collector = _meters.Collect<long>(instrument);
        collector.RecordObservableInstruments();
        return collector.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags[tag]!, m => m.Value);
    }

    /// <summary>The runner publishes its lag at each checkpoint interval: polled with a deadline.</summary>
    private static async Task EventuallyAsync(Func<bool> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Never reached: " + what());
            await Task.Delay(10);
        }
    }
}
