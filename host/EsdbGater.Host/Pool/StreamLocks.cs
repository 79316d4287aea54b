namespace EsdbGater.Host.Pool;

/// <summary>
/// Serialises appends per stream inside this gateway, so that its own concurrent appends to one
/// stream reach ExESDB's check-then-write writer one at a time. Entries live only while in use.
/// </summary>
internal sealed class StreamLocks
{
    private readonly Dictionary<(string Store, string Stream), Entry> _entries = [];

    /// <summary>Number of streams currently locked or waited for (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    public async Task<IDisposable> AcquireAsync(string store, string streamId, CancellationToken cancellationToken)
    {
        var key = (store, streamId);
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _entries.Add(key, entry);
            }

            entry.Users++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Release(key, entry, held: false);
            throw;
        }

        return new Holder(this, key, entry);
    }

    private void Release((string, string) key, Entry entry, bool held)
    {
        if (held)
        {
            entry.Semaphore.Release();
        }

        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Holder(StreamLocks owner, (string, string) key, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(key, entry, held: true);
            }
        }
    }
}
