using EsdbGater.Discovery.Gossip.Heartbeats;

namespace EsdbGater.Discovery.Gossip.Diagnostics;

/// <summary>Running totals of what arrived on the gossip port. Thread-safe, lock-free.</summary>
public sealed class GossipStatistics
{
    private readonly long[] _ignored = new long[Enum.GetValues<IgnoreReason>().Length];
    private long _accepted;

    /// <summary>Heartbeats that named a node (new or known).</summary>
    public long HeartbeatsAccepted => Interlocked.Read(ref _accepted);

    /// <summary>Datagrams ignored for any reason.</summary>
    public long IgnoredTotal
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _ignored.Length; i++)
            {
                total += Interlocked.Read(ref _ignored[i]);
            }

            return total;
        }
    }

    /// <summary>Datagrams ignored for <paramref name="reason"/>.</summary>
    public long Ignored(IgnoreReason reason) => Interlocked.Read(ref _ignored[(int)reason]);

    internal void CountAccepted() => Interlocked.Increment(ref _accepted);

    internal void CountIgnored(IgnoreReason reason) => Interlocked.Increment(ref _ignored[(int)reason]);

    /// <summary>The ignored counts by reason, for the periodic summary.</summary>
    internal IReadOnlyDictionary<IgnoreReason, long> IgnoredByReason()
    {
        var counts = new Dictionary<IgnoreReason, long>();
        foreach (var reason in Enum.GetValues<IgnoreReason>())
        {
            var count = Ignored(reason);
            if (count > 0)
            {
                counts[reason] = count;
            }
        }

        return counts;
    }
}
