using System.Collections.Concurrent;
using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Seams;

namespace EsdbGater.Host.Tests.Subscriptions.Fakes;

/// <summary>
/// The merged PubSub feed as the engine sees it. By default one node feed with an emitter pool;
/// tests switch the pool off (nothing is broadcast, as on a real ExESDB 0.11 node after a normal
/// start), drop or repeat broadcasts, and watch repairs.
/// </summary>
internal sealed class FakeFeed : ILiveFeedSource
{
    private readonly ConcurrentDictionary<int, (string Store, Action<RecordedEvent> OnEvent)> _subscribers = new();
    private readonly ConcurrentDictionary<int, Action> _watchers = new();
    private int _next;
    private volatile bool _emitting = true;
    private volatile int _connectedFeeds = 1;

    public int Repairs;

    public Changes Changes { get; } = new();

    /// <summary>When set, a repair makes the pool appear (as starting it through rex does).</summary>
    public bool RepairWorks { get; set; }

    /// <summary>Every broadcast is delivered this many times (PubSub is at-least-once).</summary>
    public int Copies { get; set; } = 1;

    /// <summary>Broadcasts for which this returns true are lost.</summary>
    public Func<RecordedEvent, bool> Drop { get; set; } = _ => false;

    public int SubscriberCount => _subscribers.Count;

    public bool Emitting
    {
        get => _emitting;
        set
        {
            _emitting = value;
            Changed();
        }
    }

    public int ConnectedFeeds
    {
        get => _connectedFeeds;
        set
        {
            _connectedFeeds = value;
            Changed();
        }
    }

    public void Emit(string store, RecordedEvent e)
    {
        if (!_emitting || _connectedFeeds == 0 || Drop(e))
        {
            return;
        }

        for (var copy = 0; copy < Copies; copy++)
        {
            foreach (var (s, onEvent) in _subscribers.Values)
            {
                if (s == store)
                {
                    onEvent(e);
                }
            }
        }
    }

    public IDisposable Subscribe(string store, Action<RecordedEvent> onEvent)
    {
        var id = Interlocked.Increment(ref _next);
        _subscribers[id] = (store, onEvent);
        return new Unsubscriber(() =>
        {
            _subscribers.TryRemove(id, out _);
            Changes.Notify();
        });
    }

    public StoreFeedStatus GetStatus(string store) => new(_connectedFeeds, _emitting && _connectedFeeds > 0);

    public IDisposable OnStatusChanged(Action onChange)
    {
        var id = Interlocked.Increment(ref _next);
        _watchers[id] = onChange;
        return new Unsubscriber(() => _watchers.TryRemove(id, out _));
    }

    public Task RepairEmittersAsync(string store, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Repairs);
        Changes.Notify();
        if (RepairWorks)
        {
            Emitting = true;
        }

        return Task.CompletedTask;
    }

    private void Changed()
    {
        Changes.Notify();
        foreach (var watcher in _watchers.Values)
        {
            watcher();
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
