namespace EsdbGater.Host.Cluster;

/// <summary>
/// Delay before the next connection attempt: doubling from <paramref name="Initial"/> per
/// consecutive failure up to <paramref name="Max"/>, with ±20 % jitter so that several gateway
/// replicas do not knock on a recovering node in step.
/// </summary>
internal sealed record ReconnectBackoff(TimeSpan Initial, TimeSpan Max)
{
    public TimeSpan DelayAfter(int consecutiveFailures, Random random)
    {
        if (consecutiveFailures <= 0)
        {
            return TimeSpan.Zero;
        }

        var exponent = Math.Min(consecutiveFailures - 1, 30);
        var ticks = Math.Min(Max.Ticks, Initial.Ticks * Math.Pow(2, exponent));
        var jitter = 0.8 + (random.NextDouble() * 0.4);
        return TimeSpan.FromTicks((long)Math.Min(Max.Ticks, ticks * jitter));
    }
}
