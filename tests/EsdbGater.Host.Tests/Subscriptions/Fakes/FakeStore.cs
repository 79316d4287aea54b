using System.Text.Json;
using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Seams;

namespace EsdbGater.Host.Tests.Subscriptions.Fakes;

/// <summary>
/// An in-memory ExESDB store for the engine's tests: streams of events numbered from 0, the
/// three reads a subscription makes, appends that broadcast through a <see cref="FakeFeed"/>,
/// and the faults ExESDB shows (a wiped store, failing calls).
/// </summary>
internal sealed class FakeStore(string store, FakeFeed? feed = null) : IStoreReader
{
    private readonly Dictionary<string, List<RecordedEvent>> _streams = new(StringComparer.Ordinal);
    private int _failures;

    public string Name => store;

    public int Calls;

    public int StreamListings;

    /// <summary>Signals every stream listing, so a test can await sweeps rather than sample them.</summary>
    public Changes Changes { get; } = new();

    /// <summary>Appends events (type <paramref name="eventType"/>, data <c>{"n": number, ...}</c>) and broadcasts them unless told not to.</summary>
    public IReadOnlyList<RecordedEvent> Append(string stream, int count, string eventType = "thing_happened:v1", bool broadcast = true, object? data = null)
    {
        List<RecordedEvent> appended = [];
        lock (_streams)
        {
            if (!_streams.TryGetValue(stream, out var events))
            {
                events = [];
                _streams[stream] = events;
            }

            for (var i = 0; i < count; i++)
            {
                var number = events.Count;
                var payload = JsonSerializer.SerializeToElement(data ?? new { n = number });
                var e = new RecordedEvent(stream, number, Guid.NewGuid().ToString(), eventType, payload, null, ContentTypes.Json, DateTimeOffset.UtcNow);
                events.Add(e);
                appended.Add(e);
            }
        }

        if (broadcast && feed is not null)
        {
            foreach (var e in appended)
            {
                feed.Emit(store, e);
            }
        }

        return appended;
    }

    /// <summary>What ExESDB does on a clean shutdown: the store is gone.</summary>
    public void Wipe()
    {
        lock (_streams)
        {
            _streams.Clear();
        }
    }

    /// <summary>The next <paramref name="count"/> calls throw.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failures, count);

    public Task<long> GetVersionAsync(string s, string streamId, CancellationToken cancellationToken)
    {
        Enter(s);
        lock (_streams)
        {
            return Task.FromResult(_streams.TryGetValue(streamId, out var events) ? events.Count - 1L : -1L);
        }
    }

    public Task<IReadOnlyList<RecordedEvent>> GetEventsAsync(string s, string streamId, long start, int count, CancellationToken cancellationToken)
    {
        Enter(s);
        lock (_streams)
        {
            IReadOnlyList<RecordedEvent> page = _streams.TryGetValue(streamId, out var events)
                ? events.Skip((int)start).Take(count).ToList()
                : [];
            return Task.FromResult(page);
        }
    }

    public Task<IReadOnlyList<string>> GetStreamsAsync(string s, CancellationToken cancellationToken)
    {
        Enter(s);
        Interlocked.Increment(ref StreamListings);
        Changes.Notify();
        lock (_streams)
        {
            return Task.FromResult<IReadOnlyList<string>>(_streams.Keys.ToList());
        }
    }

    private void Enter(string s)
    {
        Assert.Equal(store, s);
        Interlocked.Increment(ref Calls);
        if (Interlocked.Decrement(ref _failures) >= 0)
        {
            throw new InvalidOperationException("injected store failure");
        }

        Interlocked.Exchange(ref _failures, 0);
    }
}
