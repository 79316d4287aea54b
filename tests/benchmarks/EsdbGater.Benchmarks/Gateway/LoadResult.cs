using System.Diagnostics;

namespace EsdbGater.Benchmarks.Gateway;

/// <summary>What one case measured on one path: successful requests, their latencies, and failures.</summary>
public sealed class LoadResult
{
    private readonly long[] _sortedTimestampTicks;

    public LoadResult(IEnumerable<long> latencyTimestampTicks, int errors, string? firstError, TimeSpan elapsed)
    {
        _sortedTimestampTicks = [.. latencyTimestampTicks];
        Array.Sort(_sortedTimestampTicks);
        Errors = errors;
        FirstError = firstError;
        Elapsed = elapsed;
    }

    /// <summary>Requests answered as asked.</summary>
    public int Requests => _sortedTimestampTicks.Length;

    /// <summary>Requests that threw (an error response, a wrong answer, a timeout).</summary>
    public int Errors { get; }

    public string? FirstError { get; }

    /// <summary>From the first request sent to the last answer received.</summary>
    public TimeSpan Elapsed { get; }

    public double RequestsPerSecond => Elapsed > TimeSpan.Zero ? Requests / Elapsed.TotalSeconds : 0;

    /// <summary>The latency below which <paramref name="fraction"/> of the requests were answered (nearest rank).</summary>
    public TimeSpan Percentile(double fraction)
    {
        if (Requests == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = Math.Clamp((int)Math.Ceiling(fraction * Requests) - 1, 0, Requests - 1);
        return Stopwatch.GetElapsedTime(0, _sortedTimestampTicks[rank]);
    }
}
