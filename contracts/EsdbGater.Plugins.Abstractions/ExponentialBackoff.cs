namespace EsdbGater.Plugins;

/// <summary>
/// How long to wait after consecutive failures: <see cref="Initial"/> doubled per further failure
/// (<c>Initial × 2^(failures−1)</c>), capped at <see cref="Max"/>. The host paces reconnects and
/// retries with it and discovery plugins pace their connect advice with it, so that both sides
/// back off by one rule.
/// </summary>
public sealed record ExponentialBackoff
{
    // Past 2^30 the doubling is far beyond any sane cap; stop before the arithmetic overflows.
    private const int MaxDoublings = 30;

    /// <summary>A back-off from <paramref name="initial"/> up to <paramref name="max"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initial"/> is negative, or <paramref name="max"/> is shorter than it.</exception>
    public ExponentialBackoff(TimeSpan initial, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        Initial = initial;
        Max = max;
    }

    /// <summary>The delay after the first failure.</summary>
    public TimeSpan Initial { get; }

    /// <summary>The longest delay.</summary>
    public TimeSpan Max { get; }

    /// <summary>The delay after <paramref name="failures"/> consecutive failures; zero for none.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="failures"/> is negative.</exception>
    public TimeSpan DelayAfter(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(failures);
        if (failures == 0)
        {
            return TimeSpan.Zero;
        }

        var ticks = Initial.Ticks * Math.Pow(2, Math.Min(failures - 1, MaxDoublings));
        return ticks >= Max.Ticks ? Max : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// <see cref="DelayAfter(int)"/> with ±20 % jitter drawn from <paramref name="random"/>, never
    /// above <see cref="Max"/>: several gateway replicas then do not knock on a recovering node in step.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="failures"/> is negative.</exception>
    public TimeSpan DelayAfter(int failures, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var delay = DelayAfter(failures);
        if (delay == TimeSpan.Zero)
        {
            return delay;
        }

        var jitter = 0.8 + (random.NextDouble() * 0.4);
        return TimeSpan.FromTicks((long)Math.Min(Max.Ticks, delay.Ticks * jitter));
    }
}
