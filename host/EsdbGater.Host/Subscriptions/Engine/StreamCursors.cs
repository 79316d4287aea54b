namespace EsdbGater.Host.Subscriptions.Engine;

/// <summary>A subscription's cursors by stream, with the totals the runner needs.</summary>
internal sealed class StreamCursors
{
    private readonly Dictionary<string, StreamCursor> _byStream = new(StringComparer.Ordinal);

    public StreamCursors(IReadOnlyDictionary<string, long> checkpoint)
    {
        foreach (var (stream, number) in checkpoint)
        {
            _byStream[stream] = new StreamCursor(number);
        }
    }

    /// <summary>Events sent and not yet settled, over all streams.</summary>
    public int PendingTotal { get; private set; }

    public IEnumerable<string> Streams => _byStream.Keys;

    /// <summary>The stream's cursor; a stream seen for the first time starts before its event 0.</summary>
    public StreamCursor Get(string stream)
    {
        if (!_byStream.TryGetValue(stream, out var cursor))
        {
            cursor = new StreamCursor(-1);
            _byStream[stream] = cursor;
        }

        return cursor;
    }

    public bool TryGet(string stream, out StreamCursor cursor) => _byStream.TryGetValue(stream, out cursor!);

    public void AddPending(string stream, long eventNumber)
    {
        Get(stream).AddPending(eventNumber);
        PendingTotal++;
    }

    public void Confirm(string stream, long eventNumber)
    {
        if (_byStream.TryGetValue(stream, out var cursor) && cursor.Confirm(eventNumber))
        {
            PendingTotal--;
        }
    }

    public void AcknowledgeThrough(string stream, long eventNumber)
    {
        if (_byStream.TryGetValue(stream, out var cursor))
        {
            PendingTotal -= cursor.AcknowledgeThrough(eventNumber);
        }
    }

    public void RewindTo(string stream, long lastGood)
    {
        if (_byStream.TryGetValue(stream, out var cursor))
        {
            PendingTotal -= cursor.RewindTo(lastGood);
        }
    }

    /// <summary>Stream → last handled event, for streams with at least one handled event.</summary>
    public Dictionary<string, long> Checkpoint()
    {
        var checkpoint = new Dictionary<string, long>(_byStream.Count, StringComparer.Ordinal);
        foreach (var (stream, cursor) in _byStream)
        {
            if (cursor.Checkpoint >= 0)
            {
                checkpoint[stream] = cursor.Checkpoint;
            }
        }

        return checkpoint;
    }

    /// <summary>Events known to exist but not yet handled.</summary>
    public long Lag()
    {
        long lag = 0;
        foreach (var cursor in _byStream.Values)
        {
            lag += Math.Max(0, cursor.KnownVersion - cursor.Checkpoint);
        }

        return lag;
    }
}
