namespace EsdbGater.Host.Subscriptions.Engine;

/// <summary>
/// Where a subscription stands in one stream. Events are examined in number order; an examined
/// event is either skipped (not selected) or sent, and a sent event stays pending until the
/// broker confirmed it (or the client acknowledged it). The checkpoint is the last event before
/// the first pending one.
/// </summary>
internal sealed class StreamCursor(long checkpoint)
{
    private SortedSet<long>? _pending;

    /// <summary>Number of the last event examined (sent or skipped); -1 before the first.</summary>
    public long Examined { get; private set; } = checkpoint;

    /// <summary>The highest number ever examined: a stream version below it means the node lost events.</summary>
    public long HighWater { get; private set; } = checkpoint;

    /// <summary>The highest number sent before a rewind: events up to it are marked redelivered.</summary>
    public long PreviouslySent { get; private set; } = -1;

    /// <summary>The highest version seen for the stream (for the lag).</summary>
    public long KnownVersion { get; private set; } = checkpoint;

    /// <summary>The last event number handled for good: everything up to it was confirmed, acknowledged or skipped.</summary>
    public long Checkpoint => _pending is { Count: > 0 } pending ? pending.Min - 1 : Examined;

    public int PendingCount => _pending?.Count ?? 0;

    /// <summary>When the stream's version was last compared with <see cref="HighWater"/>.</summary>
    public DateTimeOffset LastVerified { get; set; }

    public void Examine(long eventNumber)
    {
        Examined = eventNumber;
        HighWater = Math.Max(HighWater, eventNumber);
        SawVersion(eventNumber);
    }

    public void SawVersion(long version) => KnownVersion = Math.Max(KnownVersion, version);

    public void AddPending(long eventNumber) => (_pending ??= []).Add(eventNumber);

    /// <summary>One sent event was confirmed; true when it was pending.</summary>
    public bool Confirm(long eventNumber) => _pending?.Remove(eventNumber) ?? false;

    /// <summary>A cumulative acknowledgement; returns how many pending events it settled.</summary>
    public int AcknowledgeThrough(long eventNumber)
    {
        if (_pending is not { Count: > 0 } pending)
        {
            return 0;
        }

        return pending.RemoveWhere(n => n <= eventNumber);
    }

    /// <summary>
    /// Goes back to just after <paramref name="lastGood"/> so that later events are read and sent
    /// again; returns how many pending events were dropped.
    /// </summary>
    public int RewindTo(long lastGood)
    {
        PreviouslySent = Math.Max(PreviouslySent, Examined);
        Examined = Math.Min(Examined, lastGood);
        return _pending?.RemoveWhere(n => n > lastGood) ?? 0;
    }

    /// <summary>True when the event may have been sent before (after a rewind).</summary>
    public bool WasPossiblySent(long eventNumber) => eventNumber <= PreviouslySent;
}
