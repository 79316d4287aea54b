using System.Diagnostics;

namespace EsdbGater.Benchmarks.Gateway;

/// <summary>
/// Runs a <see cref="LoadCase"/> on a path: each caller sends one request, awaits the answer,
/// and sends the next (closed loop), until the time is up or the case's request budget is spent.
/// </summary>
public static class LoadRunner
{
    /// <summary>How long past its time a case may wait for requests still in flight before cancelling them.</summary>
    private static readonly TimeSpan InFlightGrace = TimeSpan.FromSeconds(35);

    public static async Task<LoadResult> RunAsync(LoadCase loadCase, IStorePath path, TimeSpan duration, int maxRequests)
    {
        var issued = 0;
        var errors = 0;
        string? firstError = null;
        using var abort = new CancellationTokenSource(duration + InFlightGrace);
        var clock = Stopwatch.StartNew();
        var perCaller = await Task.WhenAll(Enumerable.Range(0, loadCase.Callers).Select(caller => Task.Run(async () =>
        {
            List<long> latencies = [];
            var sequence = 0;
            while (clock.Elapsed < duration && !abort.IsCancellationRequested && Interlocked.Increment(ref issued) <= maxRequests)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await loadCase.Request(path, caller, sequence++, abort.Token).ConfigureAwait(false);
                    latencies.Add(Stopwatch.GetTimestamp() - started);
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
                }
            }

            return latencies;
        }))).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        return new LoadResult(perCaller.SelectMany(l => l), errors, firstError, elapsed);
    }
}
