using EsdbGater.Host.Cluster;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Tests.Fakes;
using EsdbGater.Plugins.Discovery;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EsdbGater.Host.Tests.Cluster;

public sealed class ConnectBackoffTests
{
    [Fact]
    public async Task Discoverys_connect_not_before_advice_is_honoured()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var discovery = new FakeNodeDiscovery();
        var transport = new FakeNodeTransport(new FakeStreamStore()) { Clock = time };
        transport.Reachable["a@host"] = ["reg_gh"];
        var view = new ClusterView();
        using var monitor = new ClusterMonitor(discovery, transport, view, new RecordingEventSink(), Options.Create(new ClusterMonitorOptions()), Options.Create(new GatewayOptions()), time, NullLoggerFactory.Instance);
        await monitor.StartAsync(CancellationToken.None);
        var notBefore = time.GetUtcNow() + TimeSpan.FromSeconds(30);

        discovery.Publish([new DiscoveredNode("a@host", ConnectNotBefore: notBefore)]);

        // Fake time advances in 1 s steps until the node connects; it must not connect earlier.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!(view.Current.Nodes.TryGetValue("a@host", out var node) && node.IsHealthy))
        {
            Assert.True(DateTime.UtcNow < deadline, "never connected");
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        Assert.All(transport.AttemptTimes, attempt => Assert.True(attempt.At >= notBefore, $"attempted at {attempt.At}"));
        await monitor.StopAsync(CancellationToken.None);
    }
}
