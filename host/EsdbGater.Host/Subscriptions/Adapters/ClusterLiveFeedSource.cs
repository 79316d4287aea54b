using System.Collections.Concurrent;
using System.Collections.Immutable;
using EsdbGater.Contracts;
using EsdbGater.Host.Cluster;
using EsdbGater.Host.Subscriptions.Engine;
using EsdbGater.Host.Subscriptions.Seams;
using EsdbGater.Plugins.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Subscriptions.Adapters;

/// <summary>
/// Joins ExESDB's PubSub on every connected node (through the transport, as a correct <c>pg</c>
/// peer) and hands each store's <c>"&lt;store&gt;:$all"</c> broadcasts to the subscriptions.
/// </summary>
/// <remarks>
/// <para>
/// Why <c>$all</c> only: every event of a store is broadcast there by ExESDB's built-in
/// <c>all-events</c> subscription, and the gateway filters for each subscription itself, in
/// catch-up and live alike. The gateway therefore never calls <c>save_subscription</c>: no
/// emitter pool, Khepri trigger and atoms per gateway subscription that ExESDB never removes
/// (its <c>remove_subscription</c> leaves them running), no sub-topic collisions, one pool to
/// repair, and ExESDB's atom-keyed pattern matching never disagrees with the gateway's. Each
/// event crosses the distribution link once per emitting node, which the per-stream cursors
/// de-duplicate.
/// </para>
/// <para>
/// Emitters are seen through the pg groups each node's scope reports (<c>{Store, "$all",
/// emitters}</c>); a node with no such group broadcasts nothing, which the engine notices and
/// works around by polling.
/// </para>
/// <para>
/// Feeds are joined only while a subscription consumes them: a pg member receives every event
/// appended anywhere in the cluster, which costs CPU for nothing on a replica that runs no
/// subscription. The first consumer joins the connected nodes (and nodes that connect later);
/// the last one leaving disposes the feeds, so our pg member leaves its groups properly. A
/// runner polls until the feed is up and sweeps once when it switches to live, so late joins
/// lose nothing.
/// </para>
/// </remarks>
internal sealed class ClusterLiveFeedSource(IClusterView view, SubscriptionOptions options, TimeProvider time, ILogger logger)
    : BackgroundService, ILiveFeedSource
{
    /// <summary>The sub-topic of ExESDB's built-in subscription that broadcasts every event.</summary>
    public const string AllSubTopic = "$all";

    private static readonly TimeSpan GroupCheckInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RejoinDelay = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, NodeFeed> _feeds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _joinFailedAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, (string Store, Action<RecordedEvent> OnEvent)> _subscribers = new();
    private readonly ConcurrentDictionary<long, Action> _watchers = new();
    private readonly WakeSignal _demandChanged = new();
    private int _consumers;
    private ImmutableArray<(string Store, Action<RecordedEvent> OnEvent)> _dispatch = [];
    private long _nextId;
    private string _lastGroups = "";

    public IDisposable Subscribe(string store, Action<RecordedEvent> onEvent)
    {
        var id = Interlocked.Increment(ref _nextId);
        _subscribers[id] = (store, onEvent);
        RebuildDispatch();
        if (Interlocked.Increment(ref _consumers) == 1)
        {
            _demandChanged.Set(); // Join now rather than at the next group check.
        }

        return new Registration(() =>
        {
            _subscribers.TryRemove(id, out _);
            RebuildDispatch();
            if (Interlocked.Decrement(ref _consumers) == 0)
            {
                _demandChanged.Set();
            }
        });
    }

    public StoreFeedStatus GetStatus(string store)
    {
        var connected = 0;
        var emitting = false;
        foreach (var feed in _feeds.Values)
        {
            if (feed.Events is null)
            {
                continue; // Still joining.
            }

            connected++;
            emitting |= feed.HasEmitters(store);
        }

        return new StoreFeedStatus(connected, emitting);
    }

    public IDisposable OnStatusChanged(Action onChange)
    {
        var id = Interlocked.Increment(ref _nextId);
        _watchers[id] = onChange;
        return new Registration(() => _watchers.TryRemove(id, out _));
    }

    public async Task RepairEmittersAsync(string store, CancellationToken cancellationToken)
    {
        var node = view.Current.Nodes.Values.FirstOrDefault(n => n.IsHealthy && n.WorkersOf(store).Any())
            ?? throw new InvalidOperationException($"No connected node serves store '{store}'.");
        var allEvents = new ExesdbSubscription(SubscriptionType.ByStream, AllSubTopic, "all-events", 0, null);
        await node.Connection!.StartEmitterPoolAsync(store, allEvents, options.StoreConfirmTimeout, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Cluster changes and demand changes join and leave feeds; a periodic check notices
            // emitter groups coming and going (the transport reports them as a snapshot) and
            // retries failed joins.
            var watching = WatchClusterAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await _demandChanged.WaitAsync(GroupCheckInterval, time, stoppingToken).ConfigureAwait(false);
                Reconcile(view.Current, stoppingToken);
                NotifyIfGroupsChanged();
            }

            await watching.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var feed in _feeds.Values)
            {
                await feed.DisposeAsync().ConfigureAwait(false);
            }

            _feeds.Clear();
        }
    }

    private async Task WatchClusterAsync(CancellationToken stoppingToken)
    {
        await foreach (var snapshot in view.WatchAsync(stoppingToken).ConfigureAwait(false))
        {
            Reconcile(snapshot, stoppingToken);
        }
    }

    private bool HasConsumers => Volatile.Read(ref _consumers) > 0;

    private void Reconcile(ClusterSnapshot snapshot, CancellationToken stoppingToken)
    {
        if (!HasConsumers)
        {
            foreach (var (name, feed) in _feeds)
            {
                Drop(name, feed, "no subscription on this replica consumes it");
            }

            return;
        }

        foreach (var node in snapshot.Nodes.Values)
        {
            var connection = node.IsHealthy ? node.Connection : null;
            if (_feeds.TryGetValue(node.NodeName, out var feed) && (connection is null || !ReferenceEquals(feed.Connection, connection)))
            {
                Drop(node.NodeName, feed, "the node is no longer connected");
            }

            if (connection is not null && !_feeds.ContainsKey(node.NodeName) && JoinDue(node.NodeName))
            {
                _ = JoinAsync(node.NodeName, connection, stoppingToken);
            }
        }

        foreach (var (name, feed) in _feeds)
        {
            if (!snapshot.Nodes.ContainsKey(name))
            {
                Drop(name, feed, "the node left the cluster view");
            }
        }
    }

    private bool JoinDue(string nodeName) =>
        !_joinFailedAt.TryGetValue(nodeName, out var failedAt) || time.GetUtcNow() - failedAt >= RejoinDelay;

    private async Task JoinAsync(string nodeName, IExesdbNode connection, CancellationToken stoppingToken)
    {
        // Placeholder first, so that concurrent reconciles do not join twice.
        var feed = new NodeFeed(nodeName, connection);
        if (!_feeds.TryAdd(nodeName, feed))
        {
            return;
        }

        try
        {
            var events = await connection.JoinEventFeedAsync(stoppingToken).ConfigureAwait(false);
            _joinFailedAt.TryRemove(nodeName, out _);
            if (!feed.TryAttach(events))
            {
                // Dropped while joining (demand gone, node gone): leave the pg groups again.
                await events.DisposeAsync().ConfigureAwait(false);
                return;
            }

            logger.LogInformation("Joined the PubSub feed of node {Node}", nodeName);
            feed.Pump = PumpAsync(feed, stoppingToken);
            NotifyWatchers();
            if (!HasConsumers)
            {
                // The last consumer left after this join started but the drop may have missed
                // the placeholder; without this the feed would stay joined with no reader.
                Drop(nodeName, feed, "no subscription on this replica consumes it");
            }
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            _joinFailedAt[nodeName] = time.GetUtcNow();
            _feeds.TryRemove(new KeyValuePair<string, NodeFeed>(nodeName, feed));
            logger.LogWarning("Joining the PubSub feed of node {Node} failed ({Problem}); subscriptions poll meanwhile", nodeName, e.Message);
        }
    }

    private async Task PumpAsync(NodeFeed feed, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in feed.Events!.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                Dispatch(item);
            }

            logger.LogInformation("The PubSub feed of node {Node} ended", feed.NodeName);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            logger.LogWarning("The PubSub feed of node {Node} failed ({Problem})", feed.NodeName, e.Message);
        }

        Drop(feed.NodeName, feed, "its feed ended");
    }

    private void Dispatch(FeedEvent item)
    {
        // Topic "<store>:$all"; other sub-topics (subscriptions other clients saved in ExESDB)
        // carry the same events again and are ignored.
        var separator = item.Topic.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0 || !item.Topic.AsSpan(separator + 1).SequenceEqual(AllSubTopic))
        {
            return;
        }

        var store = item.Topic.AsSpan(0, separator);
        foreach (var (subscriberStore, onEvent) in _dispatch)
        {
            if (store.SequenceEqual(subscriberStore))
            {
                onEvent(item.Event);
            }
        }
    }

    private void Drop(string nodeName, NodeFeed feed, string reason)
    {
        if (!_feeds.TryRemove(new KeyValuePair<string, NodeFeed>(nodeName, feed)))
        {
            return;
        }

        logger.LogInformation("Left the PubSub feed of node {Node}: {Reason}", nodeName, reason);
        _ = feed.DisposeAsync().AsTask();
        NotifyWatchers();
    }

    private void NotifyIfGroupsChanged()
    {
        var groups = string.Join(";", _feeds.Values.OrderBy(f => f.NodeName, StringComparer.Ordinal).Select(f => f.NodeName + "=" + f.GroupsText()));
        if (groups != _lastGroups)
        {
            _lastGroups = groups;
            NotifyWatchers();
        }
    }

    private void NotifyWatchers()
    {
        foreach (var watcher in _watchers.Values)
        {
            watcher();
        }
    }

    private void RebuildDispatch()
    {
        lock (_subscribers)
        {
            _dispatch = [.. _subscribers.Values];
        }
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }

    /// <summary>The feed of one node connection.</summary>
    private sealed class NodeFeed(string nodeName, IExesdbNode connection) : IAsyncDisposable
    {
        public string NodeName => nodeName;

        public IExesdbNode Connection => connection;

        public IEventFeed? Events { get; private set; }

        public Task Pump { get; set; } = Task.CompletedTask;

        private readonly Lock _gate = new();
        private bool _closed;

        /// <summary>Keeps the joined feed, unless the feed was dropped while joining (the caller then disposes it).</summary>
        public bool TryAttach(IEventFeed events)
        {
            lock (_gate)
            {
                if (_closed)
                {
                    return false;
                }

                Events = events;
                return true;
            }
        }

        public bool HasEmitters(string store) =>
            Events?.EmitterGroups.Any(g => g.SubTopic == AllSubTopic && string.Equals(g.Store, store, StringComparison.Ordinal)) ?? false;

        public string GroupsText() =>
            Events is null ? "" : string.Join(",", Events.EmitterGroups.Select(g => g.Store + ":" + g.SubTopic));

        /// <summary>Leaves the feed once, also when called while still joining (see <see cref="TryAttach"/>).</summary>
        public async ValueTask DisposeAsync()
        {
            IEventFeed? events;
            lock (_gate)
            {
                if (_closed)
                {
                    return;
                }

                _closed = true;
                events = Events;
            }

            if (events is not null)
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
