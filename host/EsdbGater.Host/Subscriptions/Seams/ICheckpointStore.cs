using EsdbGater.Host.Subscriptions.Model;

namespace EsdbGater.Host.Subscriptions.Seams;

/// <summary>Where persistent subscriptions and their checkpoints live, outside the gateway process.</summary>
internal interface ICheckpointStore
{
    /// <summary>The stored record, or null.</summary>
    Task<SubscriptionRecord?> LoadAsync(SubscriptionKey key, CancellationToken cancellationToken);

    /// <summary>Every stored subscription of the store.</summary>
    Task<IReadOnlyList<SubscriptionRecord>> ListAsync(string store, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new record and returns once it can be read back; throws
    /// <see cref="TimeoutException"/> when it could not be confirmed in time.
    /// </summary>
    Task CreateAsync(SubscriptionRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Overwrites the record with a newer checkpoint and status, unless it was removed meanwhile:
    /// then returns false and writes nothing (an owner must never resurrect a removed subscription).
    /// </summary>
    Task<bool> UpdateAsync(SubscriptionRecord record, CancellationToken cancellationToken);

    /// <summary>Deletes the record and returns once it is gone; false when there was none.</summary>
    Task<bool> DeleteAsync(SubscriptionKey key, CancellationToken cancellationToken);
}
