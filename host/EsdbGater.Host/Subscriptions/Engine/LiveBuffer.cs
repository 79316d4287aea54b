using System.Collections.Concurrent;
using System.Threading.Channels;
using EsdbGater.Contracts;

namespace EsdbGater.Host.Subscriptions.Engine;

/// <summary>
/// Live events between the feed and one subscription, bounded: when the subscription falls
/// behind and the buffer is full, further events are not kept and the buffer is marked
/// overflowed; the subscription then discards it and reads from its position instead.
/// </summary>
internal sealed class LiveBuffer(int capacity, Action wake)
{
    private readonly Channel<RecordedEvent> _events = Channel.CreateBounded<RecordedEvent>(
        new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    private readonly ConcurrentDictionary<string, long> _latest = new(StringComparer.Ordinal);
    private int _overflowed;

    public bool IsOverflowed => Volatile.Read(ref _overflowed) == 1;

    /// <summary>
    /// The highest event number offered per stream, kept even for events the buffer could not
    /// hold: how far the store is while the subscription is held back (its lag).
    /// </summary>
    public IEnumerable<KeyValuePair<string, long>> Latest => _latest;

    /// <summary>Called by the feed: never blocks.</summary>
    public void Offer(RecordedEvent recordedEvent)
    {
        var number = recordedEvent.EventNumber;
        _latest.AddOrUpdate(recordedEvent.StreamId, number, (_, known) => Math.Max(known, number));
        if (IsOverflowed)
        {
            return;
        }

        if (!_events.Writer.TryWrite(recordedEvent))
        {
            Volatile.Write(ref _overflowed, 1);
        }

        wake();
    }

    public bool TryTake(out RecordedEvent recordedEvent) => _events.Reader.TryRead(out recordedEvent!);

    /// <summary>Empties the buffer and clears the overflow mark; true when it had overflowed.</summary>
    public bool Reset()
    {
        // Clear the mark first: events offered from now on are newer than the read that follows.
        var overflowed = Interlocked.Exchange(ref _overflowed, 0) == 1;
        while (_events.Reader.TryRead(out _))
        {
        }

        return overflowed;
    }
}
