using System.Collections.Concurrent;
using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Seams;

namespace EsdbGater.Host.Tests.Subscriptions.Fakes;

/// <summary>
/// The broker as the engine sees it: records every message in the order sent (the queue's
/// order), and confirms at once, later (held until the test releases), or not at all (a failure).
/// </summary>
internal sealed class FakeDelivery : ISubscriptionDelivery
{
    private readonly List<(DeliveryTarget Target, object Message)> _sent = [];
    private readonly ConcurrentQueue<TaskCompletionSource> _held = new();
    private int _unconfirmed;
    private int _unconfirmedEvents;

    public Changes Changes { get; } = new();

    /// <summary>When true, confirmations wait for <see cref="Release"/>.</summary>
    public bool Hold { get; set; }

    /// <summary>Sends for which this returns an exception fail with it.</summary>
    public Func<object, Exception?> Fail { get; set; } = _ => null;

    /// <summary>The most sends ever waiting for a confirmation at once.</summary>
    public int MaxUnconfirmed { get; private set; }

    public int Unconfirmed => Volatile.Read(ref _unconfirmed);

    /// <summary>The most subscribed events (not lifecycle signals) ever waiting for a confirmation at once.</summary>
    public int MaxUnconfirmedEvents { get; private set; }

    public Task SendAsync<T>(DeliveryTarget target, T message, CancellationToken cancellationToken)
        where T : class
    {
        var failure = Fail(message);
        if (failure is null)
        {
            lock (_sent)
            {
                _sent.Add((target, message));
            }
        }

        var isEvent = message is SubscribedEvent;
        var unconfirmed = Interlocked.Increment(ref _unconfirmed);
        var unconfirmedEvents = isEvent ? Interlocked.Increment(ref _unconfirmedEvents) : Volatile.Read(ref _unconfirmedEvents);
        lock (_sent)
        {
            MaxUnconfirmed = Math.Max(MaxUnconfirmed, unconfirmed);
            MaxUnconfirmedEvents = Math.Max(MaxUnconfirmedEvents, unconfirmedEvents);
        }

        // Waiters are told only once the send is recorded in full (a held one in HeldCount too):
        // a waiter woken earlier would see half of it and then sleep until its deadline.
        Task outcome;
        if (failure is not null)
        {
            Settled(isEvent);
            outcome = Task.FromException(failure);
        }
        else if (!Hold)
        {
            Settled(isEvent);
            outcome = Task.CompletedTask;
        }
        else
        {
            var confirmation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _held.Enqueue(confirmation);
            outcome = confirmation.Task.ContinueWith(_ => Settled(isEvent), TaskScheduler.Default);
        }

        Changes.Notify();
        return outcome;
    }

    private void Settled(bool isEvent)
    {
        Interlocked.Decrement(ref _unconfirmed);
        if (isEvent)
        {
            Interlocked.Decrement(ref _unconfirmedEvents);
        }
    }

    /// <summary>Confirms up to <paramref name="count"/> held sends, oldest first.</summary>
    public int Release(int count = int.MaxValue)
    {
        var released = 0;
        while (released < count && _held.TryDequeue(out var confirmation))
        {
            confirmation.SetResult();
            released++;
        }

        Changes.Notify();
        return released;
    }

    public int HeldCount => _held.Count;

    public IReadOnlyList<object> Messages
    {
        get
        {
            lock (_sent)
            {
                return _sent.Select(s => s.Message).ToList();
            }
        }
    }

    public IReadOnlyList<SubscribedEvent> Events => Messages.OfType<SubscribedEvent>().ToList();

    public IReadOnlyList<DeliveryTarget> Targets
    {
        get
        {
            lock (_sent)
            {
                return _sent.Select(s => s.Target).ToList();
            }
        }
    }

    /// <summary>Distinct (stream, number) delivered, counting duplicates once.</summary>
    public int DistinctEvents(string? stream = null) =>
        Events.Where(e => stream is null || e.StreamId == stream).Select(e => (e.StreamId, e.EventNumber)).Distinct().Count();

    public Task WaitForDistinctAsync(int count, string? stream = null, TimeSpan? timeout = null) =>
        Changes.WaitAsync(() => DistinctEvents(stream) >= count, $"{count} distinct events delivered{(stream is null ? "" : " of " + stream)}", timeout);

    public Task WaitForAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null) =>
        Changes.WaitAsync(() => Messages.OfType<T>().Any(m => match?.Invoke(m) ?? true), "a " + typeof(T).Name, timeout);
}
