using EsdbGater.Host.Configuration;
using EsdbGater.Host.Logging;
using EsdbGater.Plugins.Discovery;
using EsdbGater.Plugins.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Cluster;

/// <summary>
/// Follows discovery's snapshots and keeps one <see cref="NodeSession"/> per discovered node:
/// new nodes get a session, vanished nodes lose theirs (their connection closes, NodeDown is
/// published). The sessions keep <see cref="IClusterView"/> current for the worker pool.
/// </summary>
internal sealed partial class ClusterMonitor : BackgroundService, IWorkerRefresher
{
    private readonly INodeDiscovery _discovery;
    private readonly NodeSessionContext _context;
    private readonly ILogger _logger;
    private readonly Dictionary<string, NodeSession> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ClusterMonitor(
        INodeDiscovery discovery,
        INodeTransport transport,
        ClusterView view,
        IClusterEventSink events,
        IOptions<ClusterMonitorOptions> options,
        IOptions<GatewayOptions> gateway,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        _discovery = discovery;
        _logger = loggerFactory.CreateLogger(LogComponent.ClusterMonitor);
        _context = new NodeSessionContext(transport, discovery, view, events, options.Value, gateway.Value.Stores, time, _logger);
    }

    public void RequestRefresh(string nodeName)
    {
        lock (_gate)
        {
            if (_sessions.TryGetValue(nodeName, out var session))
            {
                session.RequestRefresh();
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarting(_context.Transport.LocalNodeName);
        try
        {
            await _discovery.StartAsync(stoppingToken).ConfigureAwait(false);
            await foreach (var snapshot in _discovery.WatchAsync(stoppingToken).ConfigureAwait(false))
            {
                await ReconcileAsync(snapshot).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await StopAllAsync().ConfigureAwait(false);
        }
    }

    private async Task ReconcileAsync(DiscoverySnapshot snapshot)
    {
        var wanted = snapshot.Nodes
            .GroupBy(n => n.NodeName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        List<NodeSession> gone;
        lock (_gate)
        {
            gone = [.. _sessions.Values.Where(s => !wanted.ContainsKey(s.NodeName))];
            foreach (var session in gone)
            {
                _sessions.Remove(session.NodeName);
            }

            foreach (var (name, node) in wanted)
            {
                if (_sessions.TryGetValue(name, out var existing))
                {
                    existing.Update(node);
                    continue;
                }

                var session = new NodeSession(node, _context);
                _sessions.Add(name, session);
                LogNodeDiscovered(name);
                session.Start();
            }
        }

        foreach (var session in gone)
        {
            LogNodeForgotten(session.NodeName);
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task StopAllAsync()
    {
        NodeSession[] sessions;
        lock (_gate)
        {
            sessions = [.. _sessions.Values];
            _sessions.Clear();
        }

        await Task.WhenAll(sessions.Select(s => s.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    [LoggerMessage(1, LogLevel.Information, "Cluster monitor starting as {GatewayNode}")]
    private partial void LogStarting(string gatewayNode);

    [LoggerMessage(2, LogLevel.Information, "Discovered node {Node}")]
    private partial void LogNodeDiscovered(string node);

    [LoggerMessage(3, LogLevel.Information, "Discovery no longer lists node {Node}; disconnecting")]
    private partial void LogNodeForgotten(string node);
}
