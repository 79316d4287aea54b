using System.Net;

namespace EsdbGater.Discovery.Gossip.Resolution;

/// <summary>
/// Remembers whether node host parts resolve, so DNS is asked once per host and TTL, never per
/// heartbeat. Lookups run in the background; the answer arrives through a callback. Bounded:
/// when full of fresh answers, unknown hosts are answered "does not resolve" without asking, so
/// spoofed names cannot grow it or flood the resolver.
/// </summary>
internal sealed class HostResolutionCache : IDisposable
{
    private static readonly TimeSpan ResolvesFor = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan FailsFor = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    private readonly HostResolver _resolve;
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private readonly Action<string, bool> _onResolved;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _disposed = new();

    /// <param name="resolve">Answers whether a host name resolves (DNS in production).</param>
    /// <param name="time">Clock for the answers' lifetimes.</param>
    /// <param name="capacity">Most hosts remembered.</param>
    /// <param name="onResolved">Called, on a pool thread, with each new answer.</param>
    public HostResolutionCache(HostResolver resolve, TimeProvider time, int capacity, Action<string, bool> onResolved)
    {
        _resolve = resolve;
        _time = time;
        _capacity = capacity;
        _onResolved = onResolved;
    }

    /// <summary>Whether <paramref name="host"/> resolves, or <c>null</c> while a first lookup runs.</summary>
    public bool? Check(string host)
    {
        if (IPAddress.TryParse(host, out _))
        {
            return true;
        }

        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_entries.TryGetValue(host, out var entry))
            {
                if (now >= entry.FreshUntil && !entry.LookingUp)
                {
                    // Stale: keep answering with the old value while a fresh lookup runs.
                    _entries[host] = entry with { LookingUp = true };
                    StartLookup(host);
                }

                return entry.Resolves;
            }

            if (_entries.Count >= _capacity && !EvictStale(now))
            {
                return false;
            }

            _entries[host] = new Entry(Resolves: null, FreshUntil: DateTimeOffset.MaxValue, LookingUp: true);
            StartLookup(host);
            return null;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private bool EvictStale(DateTimeOffset now)
    {
        var stale = _entries.Where(e => now >= e.Value.FreshUntil && !e.Value.LookingUp).Select(e => e.Key).ToList();
        foreach (var host in stale)
        {
            _entries.Remove(host);
        }

        return stale.Count > 0;
    }

    /// <summary>
    /// Always on the pool, never inline: callers hold the node table's lock, and the callback
    /// must find the entry that asked.
    /// </summary>
    private void StartLookup(string host) => ThreadPool.QueueUserWorkItem(static s => _ = s.Cache.LookUpAsync(s.Host), (Cache: this, Host: host), preferLocal: false);

    private async Task LookUpAsync(string host)
    {
        bool resolves;
        try
        {
            using var timeout = new CancellationTokenSource(LookupTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _disposed.Token);
            resolves = await _resolve(host, linked.Token).ConfigureAwait(false);
        }
        catch (Exception) when (_disposed.IsCancellationRequested)
        {
            return;
        }
        catch (Exception)
        {
            // Timeouts and resolver errors mean the same to the caller: use the source address.
            resolves = false;
        }

        lock (_gate)
        {
            _entries[host] = new Entry(resolves, _time.GetUtcNow() + (resolves ? ResolvesFor : FailsFor), LookingUp: false);
        }

        _onResolved(host, resolves);
    }

    private readonly record struct Entry(bool? Resolves, DateTimeOffset FreshUntil, bool LookingUp);
}

/// <summary>Answers whether a host name resolves.</summary>
internal delegate Task<bool> HostResolver(string host, CancellationToken cancellationToken);
