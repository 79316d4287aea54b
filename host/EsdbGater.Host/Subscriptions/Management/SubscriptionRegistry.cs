using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using EsdbGater.Host.Subscriptions.Model;

namespace EsdbGater.Host.Subscriptions.Management;

/// <summary>
/// This replica's subscriptions of one kind, by key. Closing (at shutdown) and adding exclude
/// each other: whatever was added before is in what <see cref="Close"/> returns, and nothing is
/// added after, so no subscription started during shutdown runs on unseen.
/// </summary>
internal sealed class SubscriptionRegistry<T>
    where T : class
{
    private readonly ConcurrentDictionary<SubscriptionKey, T> _entries = new();
    private readonly Lock _closing = new();
    private volatile bool _closed;

    public bool IsClosed => _closed;

    /// <summary>The entries as they are now.</summary>
    public IEnumerable<T> Entries => _entries.Values;

    public bool Contains(SubscriptionKey key) => _entries.ContainsKey(key);

    public bool TryGet(SubscriptionKey key, [NotNullWhen(true)] out T? entry) => _entries.TryGetValue(key, out entry);

    /// <summary>False when the key is taken or the registry is closed.</summary>
    public bool TryAdd(SubscriptionKey key, T entry)
    {
        lock (_closing)
        {
            return !_closed && _entries.TryAdd(key, entry);
        }
    }

    public bool TryRemove(SubscriptionKey key, [NotNullWhen(true)] out T? entry) => _entries.TryRemove(key, out entry);

    /// <summary>Removes <paramref name="entry"/> if it is still the one under <paramref name="key"/>; false when something else removed it first.</summary>
    public bool Remove(SubscriptionKey key, T entry) => _entries.TryRemove(KeyValuePair.Create(key, entry));

    /// <summary>Accepts nothing more; returns what is registered now, for the caller to end.</summary>
    public IReadOnlyList<T> Close()
    {
        lock (_closing)
        {
            _closed = true;
            return [.. _entries.Values];
        }
    }
}
