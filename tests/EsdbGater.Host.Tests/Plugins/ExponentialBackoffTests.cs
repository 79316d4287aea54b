using EsdbGater.Plugins;

namespace EsdbGater.Host.Tests.Plugins;

/// <summary>The one back-off rule the host's reconnects and retries and the gossip plugin's connect advice share.</summary>
public sealed class ExponentialBackoffTests
{
    [Fact]
    public void Doubles_from_the_initial_delay_up_to_the_maximum()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        var delays = Enumerable.Range(0, 10).Select(failures => backoff.DelayAfter(failures).TotalSeconds);

        Assert.Equal([0, 1, 2, 4, 8, 16, 32, 60, 60, 60], delays);
    }

    [Fact]
    public void Failure_counts_far_past_the_cap_do_not_overflow()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromDays(1), TimeSpan.FromDays(30));

        Assert.Equal(TimeSpan.FromDays(30), backoff.DelayAfter(int.MaxValue));
        Assert.InRange(backoff.DelayAfter(int.MaxValue, new Random(1)), TimeSpan.FromDays(24), TimeSpan.FromDays(30));
    }

    [Fact]
    public void Jitter_stays_within_twenty_percent_and_never_exceeds_the_maximum()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10));
        var random = new Random(3);

        Assert.Equal(TimeSpan.Zero, backoff.DelayAfter(0, random));
        foreach (var failures in new[] { 1, 3, 6, 7, 40 })
        {
            var exact = backoff.DelayAfter(failures);
            var jittered = Enumerable.Range(0, 200).Select(_ => backoff.DelayAfter(failures, random)).ToList();

            Assert.All(jittered, delay => Assert.InRange(delay, exact * 0.8, TimeSpan.FromTicks(Math.Min(backoff.Max.Ticks, (exact * 1.2).Ticks))));
            Assert.True(jittered.Distinct().Count() > 1, $"no jitter after {failures} failures");
        }
    }

    [Fact]
    public void Rejects_negative_counts_and_inverted_bounds()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        Assert.Throws<ArgumentOutOfRangeException>(() => backoff.DelayAfter(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialBackoff(TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
    }
}
