using EsdbGater.Contracts;

namespace EsdbGater.Host.Operations;

/// <summary>What reading back the tail of a stream says about an append with an unknown outcome.</summary>
internal abstract record AppendVerdict
{
    /// <summary>Compares the appended events' ids with the stream's tail (read backward from <paramref name="version"/>).</summary>
    public static AppendVerdict Judge(IReadOnlyList<EventData> appended, IReadOnlyList<RecordedEvent> tail, long version)
    {
        var positions = new Dictionary<Guid, int>(appended.Count);
        for (var i = 0; i < appended.Count; i++)
        {
            positions[appended[i].EventId] = i;
        }

        var found = new SortedDictionary<int, long>();
        foreach (var recorded in tail)
        {
            if (Guid.TryParse(recorded.EventId, out var id) && positions.TryGetValue(id, out var position))
            {
                found[position] = recorded.EventNumber;
            }
        }

        if (found.Count == 0)
        {
            return new NotWritten(version);
        }

        var first = found.First();
        var complete = found.Count == appended.Count && found.All(f => f.Value == first.Value + f.Key - first.Key);
        return complete ? new Written(found[appended.Count - 1]) : new PartlyWritten(found.Count, appended.Count, [.. found.Values]);
    }

    /// <summary>All events are in the stream, in order; the last has <paramref name="LastEventNumber"/>.</summary>
    public sealed record Written(long LastEventNumber) : AppendVerdict;

    /// <summary>None of the events is in the stream, whose version is <paramref name="Version"/>.</summary>
    public sealed record NotWritten(long Version) : AppendVerdict;

    /// <summary>Some events are in the stream (ExESDB writes a batch event by event and may stop half way).</summary>
    public sealed record PartlyWritten(int Found, int Appended, IReadOnlyList<long> EventNumbers) : AppendVerdict;
}
