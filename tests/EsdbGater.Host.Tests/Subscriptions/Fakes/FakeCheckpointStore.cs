using System.Collections.Concurrent;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;

namespace EsdbGater.Host.Tests.Subscriptions.Fakes;

/// <summary>Stored subscriptions in memory, with the seam's rule that an update never resurrects a removed record.</summary>
internal sealed class FakeCheckpointStore : ICheckpointStore
{
    private readonly ConcurrentDictionary<SubscriptionKey, SubscriptionRecord> _records = new();

    public Changes Changes { get; } = new();

    public int Updates;

    public SubscriptionRecord? this[SubscriptionKey key] => _records.TryGetValue(key, out var record) ? record : null;

    public Task<SubscriptionRecord?> LoadAsync(SubscriptionKey key, CancellationToken cancellationToken) => Task.FromResult(this[key]);

    public Task<IReadOnlyList<SubscriptionRecord>> ListAsync(string store, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SubscriptionRecord>>(_records.Values.Where(r => r.Definition.Store == store).ToList());

    public Task CreateAsync(SubscriptionRecord record, CancellationToken cancellationToken)
    {
        _records[record.Definition.Key] = record;
        Changes.Notify();
        return Task.CompletedTask;
    }

    public Task<bool> UpdateAsync(SubscriptionRecord record, CancellationToken cancellationToken)
    {
        var key = record.Definition.Key;
        while (_records.TryGetValue(key, out var current))
        {
            if (_records.TryUpdate(key, record, current))
            {
                Interlocked.Increment(ref Updates);
                Changes.Notify();
                return Task.FromResult(true);
            }
        }

        return Task.FromResult(false);
    }

    /// <summary>Runs when a deletion starts, before the record goes (a deletion takes a while: ExESDB's casts are confirmed by reading back).</summary>
    public Func<SubscriptionKey, Task>? BeforeDelete { get; set; }

    public async Task<bool> DeleteAsync(SubscriptionKey key, CancellationToken cancellationToken)
    {
        if (BeforeDelete is { } before)
        {
            await before(key);
        }

        var removed = _records.TryRemove(key, out _);
        Changes.Notify();
        return removed;
    }
}
