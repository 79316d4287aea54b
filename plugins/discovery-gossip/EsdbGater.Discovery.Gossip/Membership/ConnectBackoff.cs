namespace EsdbGater.Discovery.Gossip.Membership;

/// <summary>
/// Exponential back-off for nodes the host failed to connect to: <c>initial × 2^(failures−1)</c>,
/// capped. Without it a node with another cookie would be tried on every heartbeat (libcluster
/// itself does that, and logs each attempt).
/// </summary>
internal sealed class ConnectBackoff(TimeSpan initial, TimeSpan max)
{
    public TimeSpan Delay(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);

        // Past 2^30 the doubling is far beyond any sane cap; stop before the arithmetic overflows.
        var factor = Math.Pow(2, Math.Min(failures - 1, 30));
        var ticks = initial.Ticks * factor;
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }
}
