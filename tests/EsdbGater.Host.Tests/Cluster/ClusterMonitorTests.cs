using EsdbGater.Contracts;
using EsdbGater.Host.Cluster;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Tests.Fakes;
using EsdbGater.Plugins.Discovery;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Tests.Cluster;

public sealed class ClusterMonitorTests : IAsyncLifetime
{
    private readonly FakeNodeDiscovery _discovery = new();
    private readonly FakeNodeTransport _transport = new(new FakeStreamStore());
    private readonly ClusterView _view = new();
    private readonly RecordingEventSink _events = new();
    private readonly ClusterMonitor _monitor;

    public ClusterMonitorTests()
    {
        var options = new ClusterMonitorOptions
        {
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(10),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(40),
            WorkerRefreshInterval = TimeSpan.FromMinutes(5),
            MissingWorkersRefreshInterval = TimeSpan.FromMinutes(5),
        };
        _monitor = new ClusterMonitor(_discovery, _transport, _view, _events, Options.Create(options), Options.Create(new GatewayOptions { Stores = ["reg_gh"] }), TimeProvider.System, NullLoggerFactory.Instance);
    }

    public Task InitializeAsync() => _monitor.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _monitor.StopAsync(CancellationToken.None);
        _monitor.Dispose();
    }

    [Fact]
    public async Task A_discovered_node_is_connected_its_workers_listed_and_NodeUp_published()
    {
        _transport.Reachable["a@host"] = ["reg_gh", "other"];
        _discovery.Publish("a@host");

        var snapshot = await _view.WaitUntilAsync(s => s.Nodes.TryGetValue("a@host", out var n) && n.IsHealthy);

        Assert.Equal(["other", "reg_gh"], snapshot.Nodes["a@host"].Workers.Select(w => w.Store));
        await ClusterViewExtensions.EventuallyAsync(() => _events.Published.OfType<NodeUp>().Any(), "NodeUp");
        var up = _events.Published.OfType<NodeUp>().Single();
        Assert.Equal(("a@host", "gater_maint_test@localhost"), (up.NodeName, up.Gateway));
        Assert.Equal(["other", "reg_gh"], up.Stores);
        Assert.Contains(("a@host", NodeConnectionState.Connected), _discovery.Reports);
    }

    [Fact]
    public async Task A_lost_connection_is_published_as_NodeDown_and_the_node_reconnected()
    {
        _transport.Reachable["a@host"] = ["reg_gh"];
        _discovery.Publish("a@host");
        await _view.WaitUntilAsync(s => s.Nodes.TryGetValue("a@host", out var n) && n.IsHealthy);

        _transport.Latest("a@host").Disconnect("tcp closed");

        await ClusterViewExtensions.EventuallyAsync(() => _events.Published.OfType<NodeDown>().Any(), "NodeDown");
        Assert.Equal("tcp closed", _events.Published.OfType<NodeDown>().Single().Reason);
        Assert.Contains(("a@host", NodeConnectionState.Disconnected), _discovery.Reports);
        await ClusterViewExtensions.EventuallyAsync(() => _transport.Connections.Count(c => c.NodeName == "a@host") == 2 && _view.Current.Nodes["a@host"].IsHealthy, "reconnect");
    }

    [Fact]
    public async Task An_unreachable_node_is_reported_and_retried_with_back_off()
    {
        _discovery.Publish("gone@host");

        var snapshot = await _view.WaitUntilAsync(s => s.Nodes.TryGetValue("gone@host", out var n) && n.State == NodeLinkState.Disconnected);

        Assert.Contains("NotRegistered", snapshot.Nodes["gone@host"].LastError);
        Assert.Contains(("gone@host", NodeConnectionState.ConnectFailed), _discovery.Reports);
        await ClusterViewExtensions.EventuallyAsync(() => _transport.Attempts.GetValueOrDefault("gone@host") >= 3, "retries");

        _transport.Reachable["gone@host"] = ["reg_gh"];
        await _view.WaitUntilAsync(s => s.Nodes["gone@host"].IsHealthy);
    }

    [Fact]
    public async Task A_node_discovery_drops_is_disconnected_and_removed()
    {
        _transport.Reachable["a@host"] = ["reg_gh"];
        _transport.Reachable["b@host"] = ["reg_gh"];
        _discovery.Publish("a@host", "b@host");
        await _view.WaitUntilAsync(s => s.Nodes.Count == 2 && s.Nodes.Values.All(n => n.IsHealthy));

        _discovery.Publish("b@host");

        await _view.WaitUntilAsync(s => !s.Nodes.ContainsKey("a@host"));
        Assert.False(_transport.Latest("a@host").IsConnected);
        await ClusterViewExtensions.EventuallyAsync(() => _events.Published.OfType<NodeDown>().Any(d => d.NodeName == "a@host"), "NodeDown for a");
    }

    [Fact]
    public async Task A_refresh_request_lists_the_workers_again()
    {
        _transport.Reachable["a@host"] = ["reg_gh"];
        _discovery.Publish("a@host");
        await _view.WaitUntilAsync(s => s.Nodes.TryGetValue("a@host", out var n) && n.IsHealthy);

        _transport.Latest("a@host").Workers.Add(new("reg_gh", "a@host", "<restarted>"));
        _monitor.RequestRefresh("a@host");

        await _view.WaitUntilAsync(s => s.Nodes["a@host"].Workers.Length == 2);
    }

    [Fact]
    public async Task Workers_reported_for_other_nodes_are_ignored()
    {
        _transport.Reachable["a@host"] = ["reg_gh"];
        _discovery.Publish("a@host");
        await _view.WaitUntilAsync(s => s.Nodes.TryGetValue("a@host", out var n) && n.IsHealthy);

        var connection = _transport.Latest("a@host");
        connection.Workers.Add(new("reg_gh", "b@host", "<b.1>"));
        connection.Workers.Add(new("reg_gh", "a@host", "<a.2>"));
        _monitor.RequestRefresh("a@host");

        var snapshot = await _view.WaitUntilAsync(s => s.Nodes["a@host"].Workers.Length == 2);
        Assert.All(snapshot.Nodes["a@host"].Workers, w => Assert.Equal("a@host", w.NodeName));
    }
}
