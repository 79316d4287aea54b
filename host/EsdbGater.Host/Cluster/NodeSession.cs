using System.Collections.Immutable;
using EsdbGater.Contracts;
using EsdbGater.Plugins.Discovery;
using EsdbGater.Plugins.Transport;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Cluster;

/// <summary>
/// Keeps the gateway connected to one node for as long as discovery lists it: connects with
/// back-off (honouring discovery's <see cref="DiscoveredNode.ConnectNotBefore"/>), lists the
/// node's gateway workers on connect and periodically, watches the connection, and reports every
/// change to the cluster view, to discovery and on the bus.
/// </summary>
internal sealed partial class NodeSession : IAsyncDisposable
{
    private readonly NodeSessionContext _context;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Random _random = new();
    private DiscoveredNode _node;
    private TaskCompletionSource _refresh = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;

    public NodeSession(DiscoveredNode node, NodeSessionContext context)
    {
        _node = node;
        _context = context;
        _logger = context.Logger;
    }

    public string NodeName => _node.NodeName;

    public void Start()
    {
        _context.View.Set(NodeName, ClusterNode.Connecting(NodeName, _context.Time.GetUtcNow()));
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Discovery's newer advice about the node (address, back-off).</summary>
    public void Update(DiscoveredNode node) => Volatile.Write(ref _node, node);

    public void RequestRefresh() => Interlocked.Exchange(ref _refresh, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _context.View.Set(NodeName, null);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        string? lastFailure = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await WaitBeforeConnectingAsync(failures, stop).ConfigureAwait(false);
                var connection = await ConnectAsync(stop).ConfigureAwait(false);
                lastFailure = null;
                await using (connection.ConfigureAwait(false))
                {
                    MarkDown(await ServeSafelyAsync(connection, stop).ConfigureAwait(false));
                }

                // Reconnect after a short pause, not at once: a node that accepts and drops
                // connections must not make this loop spin.
                failures = 1;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NodeConnectException or TimeoutException or ExesdbCallException or IOException)
            {
                failures++;
                var reason = Describe(e);
                _context.Discovery.ReportConnectionState(NodeName, NodeConnectionState.ConnectFailed);
                _context.View.Update(NodeName, n => n with { State = NodeLinkState.Disconnected, Connection = null, Workers = [], LastError = reason, Since = n.State == NodeLinkState.Disconnected ? n.Since : _context.Time.GetUtcNow() });
                if (reason != lastFailure)
                {
                    LogConnectFailed(NodeName, reason);
                }
                else
                {
                    LogConnectFailedAgain(NodeName, failures, reason);
                }

                lastFailure = reason;
            }
            catch (Exception e)
            {
                // A transport bug must not end the session for good: log it and retry like a failure.
                failures++;
                LogUnexpected(e, NodeName);
            }
        }
    }

    private async Task WaitBeforeConnectingAsync(int failures, CancellationToken stop)
    {
        var now = _context.Time.GetUtcNow();
        var notBefore = now + _context.Backoff.DelayAfter(failures, _random);
        if (Volatile.Read(ref _node).ConnectNotBefore is { } advice && advice > notBefore)
        {
            notBefore = advice;
        }

        if (notBefore > now)
        {
            await Task.Delay(notBefore - now, _context.Time, stop).ConfigureAwait(false);
        }
    }

    private async Task<IExesdbNode> ConnectAsync(CancellationToken stop)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop);
        attempt.CancelAfter(_context.Options.ConnectTimeout);
        try
        {
            return await _context.Transport.ConnectAsync(Volatile.Read(ref _node), attempt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            throw new TimeoutException($"connecting took longer than {_context.Options.ConnectTimeout.TotalSeconds:0.#} s");
        }
    }

    private async Task<string> ServeSafelyAsync(IExesdbNode connection, CancellationToken stop)
    {
        try
        {
            return await ServeAsync(connection, stop).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogUnexpected(e, NodeName);
            return "session failed: " + e.Message;
        }
    }

    /// <summary>Serves a live connection until it ends; returns why it ended.</summary>
    private async Task<string> ServeAsync(IExesdbNode connection, CancellationToken stop)
    {
        _context.Discovery.ReportConnectionState(NodeName, NodeConnectionState.Connected);
        var workers = await ListWorkersAsync(connection, [], stop).ConfigureAwait(false);
        var now = _context.Time.GetUtcNow();
        _context.View.Set(NodeName, new ClusterNode(NodeName, NodeLinkState.Connected, connection, workers, now));
        var stores = StoresOf(workers);
        LogNodeUp(NodeName, workers.Length, string.Join(", ", stores));
        _context.Events.Publish(new NodeUp(NodeName, _context.Transport.LocalNodeName, stores, now));

        try
        {
            while (true)
            {
                var refresh = Volatile.Read(ref _refresh).Task;
                var interval = MissesConfiguredStore(workers) ? _context.Options.MissingWorkersRefreshInterval : _context.Options.WorkerRefreshInterval;
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
                var tick = Task.Delay(interval, _context.Time, wait.Token);
                var woke = await Task.WhenAny(connection.Disconnected, tick, refresh).ConfigureAwait(false);
                await wait.CancelAsync().ConfigureAwait(false);
                stop.ThrowIfCancellationRequested();
                if (woke == connection.Disconnected || !connection.IsConnected)
                {
                    return connection.Disconnected.IsCompleted ? await connection.Disconnected.ConfigureAwait(false) : "connection lost";
                }

                var listed = await ListWorkersAsync(connection, workers, stop).ConfigureAwait(false);
                if (!listed.SequenceEqual(workers))
                {
                    workers = listed;
                    _context.View.Update(NodeName, n => n with { Workers = listed });
                    LogWorkersChanged(NodeName, listed.Length, string.Join(", ", StoresOf(listed)));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            MarkDown("removed by discovery or gateway stopping");
            throw;
        }
    }

    private async Task<ImmutableArray<GatewayWorkerRef>> ListWorkersAsync(IExesdbNode connection, ImmutableArray<GatewayWorkerRef> previous, CancellationToken stop)
    {
        try
        {
            var listed = await connection.ListGatewayWorkersAsync(_context.ConfiguredStores, _context.Options.ListWorkersTimeout, stop).ConfigureAwait(false);
            // Only this node's own workers: a call through this connection must run on this node,
            // or appends pinned to it would reach another node's writer.
            return [.. listed
                .Where(w => string.Equals(w.NodeName, NodeName, StringComparison.Ordinal))
                .OrderBy(w => w.Store, StringComparer.Ordinal)
                .ThenBy(w => w.Id, StringComparer.Ordinal)];
        }
        catch (ExesdbCallException e)
        {
            // Keep what we knew: a slow listing is not a reason to stop serving the node.
            LogListingFailed(NodeName, e.Failure, e.Message);
            return previous;
        }
    }

    private void MarkDown(string reason)
    {
        var now = _context.Time.GetUtcNow();
        _context.View.Update(NodeName, n => n with { State = NodeLinkState.Disconnected, Connection = null, Workers = [], Since = now, LastError = reason });
        _context.Discovery.ReportConnectionState(NodeName, NodeConnectionState.Disconnected);
        LogNodeDown(NodeName, reason);
        _context.Events.Publish(new NodeDown(NodeName, _context.Transport.LocalNodeName, reason, now));
    }

    private bool MissesConfiguredStore(ImmutableArray<GatewayWorkerRef> workers) =>
        workers.IsEmpty || _context.ConfiguredStores.Any(s => !workers.Any(w => w.Store == s));

    private static string[] StoresOf(ImmutableArray<GatewayWorkerRef> workers) =>
        [.. workers.Select(w => w.Store).Distinct(StringComparer.Ordinal)];

    private static string Describe(Exception e) => e switch
    {
        NodeConnectException c => $"{c.Failure}: {c.Message}",
        ExesdbCallException c => $"{c.Failure}: {c.Message}",
        _ => e.Message,
    };

    [LoggerMessage(1, LogLevel.Information, "Node {Node} up: {WorkerCount} gateway worker(s) for [{Stores}]")]
    private partial void LogNodeUp(string node, int workerCount, string stores);

    [LoggerMessage(2, LogLevel.Warning, "Node {Node} down: {Reason}")]
    private partial void LogNodeDown(string node, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Cannot connect to node {Node}: {Reason}; retrying with back-off")]
    private partial void LogConnectFailed(string node, string reason);

    [LoggerMessage(4, LogLevel.Debug, "Still cannot connect to node {Node} ({Failures} attempts): {Reason}")]
    private partial void LogConnectFailedAgain(string node, int failures, string reason);

    [LoggerMessage(5, LogLevel.Information, "Node {Node} now has {WorkerCount} gateway worker(s) for [{Stores}]")]
    private partial void LogWorkersChanged(string node, int workerCount, string stores);

    [LoggerMessage(6, LogLevel.Warning, "Listing the gateway workers of node {Node} failed ({Failure}): {Reason}; keeping the previous list")]
    private partial void LogListingFailed(string node, ExesdbCallFailure failure, string reason);

    [LoggerMessage(7, LogLevel.Error, "Unexpected failure in the session of node {Node}; retrying with back-off")]
    private partial void LogUnexpected(Exception e, string node);
}
