using System.Globalization;
using System.Text.Json;
using EsdbGater.Contracts;

namespace EsdbGater.Benchmarks.Gateway;

/// <summary>
/// The streams of one run, a fixed handful reused by every case: ExESDB keeps a process per
/// stream for ever, so a benchmark that made a stream per request would measure its own leak.
/// Caller <c>i</c> of a concurrent case uses stream <c>i</c>; sequential cases use stream 0.
/// </summary>
public sealed class BenchmarkStreams
{
    /// <summary>Events each stream holds before any case runs, so every read finds a full page.</summary>
    public const int SeedEvents = 10;

    private readonly string[] _names;

    public BenchmarkStreams(int count)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        _names = [.. Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"bench-{run}-{i:00}"))];
    }

    public IReadOnlyList<string> Names => _names;

    public string this[int caller] => _names[caller];

    /// <summary>A new event (fresh id) with a small JSON object as data, like a typical domain event.</summary>
    public static EventData NewEvent(int sequence) =>
        new(Guid.CreateVersion7(), "bench_measured:v1", JsonSerializer.SerializeToElement(new { sequence, sensor = "bench-sensor-01", value = 21.5, unit = "celsius" }));

    public static EventData[] NewEvents(int count) => [.. Enumerable.Range(0, count).Select(NewEvent)];

    /// <summary>Gives every stream <see cref="SeedEvents"/> events (sequentially: set-up, not measured).</summary>
    public async Task SeedAsync(IStorePath path, CancellationToken cancellationToken)
    {
        foreach (var stream in _names)
        {
            await path.AppendAsync(stream, NewEvents(SeedEvents), cancellationToken).ConfigureAwait(false);
        }
    }
}
