namespace EsdbGater.Host.Operations;

/// <summary>
/// ExESDB never confirms a cast, so the gateway confirms by reading: it polls with growing
/// pauses (20 ms doubling to 250 ms) until the probe says the cast took effect or time is up.
/// </summary>
internal static class CastConfirmation
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ShortestProbe = TimeSpan.FromMilliseconds(100);

    /// <summary>True when <paramref name="probe"/> returned true within <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitAsync(Func<TimeSpan, CancellationToken, Task<bool>> probe, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        var pause = FirstPause;
        while (true)
        {
            // Always probe at least once, however little time is left.
            var left = deadline - time.GetUtcNow();
            if (await probe(left > ShortestProbe ? left : ShortestProbe, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.Delay(pause < left ? pause : left, time, cancellationToken).ConfigureAwait(false);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }
}
