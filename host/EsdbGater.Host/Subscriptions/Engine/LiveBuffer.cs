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

    private int _overflowed;

    public bool IsOverflowed => Volatile.Read(ref _overflowed) == 1;

    /// <summary>Called by the feed: never blocks.</summary>
    public void Offer(RecordedEvent recordedEvent)
    {
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
