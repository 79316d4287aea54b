using System.Collections.Concurrent;
using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Subscriptions.Management;

/// <summary>
/// Keeps this replica's memberships in step with the stored persistent subscriptions: lists the
/// records of every watched store, joins the new ones and leaves the removed ones.
/// </summary>
internal sealed class StoredSubscriptionSync(ICheckpointStore checkpoints, PersistentMemberships memberships, ILogger logger)
{
    private readonly ConcurrentDictionary<string, bool> _stores = new(StringComparer.Ordinal);

    /// <summary>Lists the store's subscriptions from now on.</summary>
    public void Watch(string store) => _stores.TryAdd(store, true);

    /// <summary>Joins stored subscriptions this replica does not know yet and leaves removed ones.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var store in _stores.Keys)
        {
            IReadOnlyList<SubscriptionRecord> records;
            try
            {
                records = await checkpoints.ListAsync(store, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogDebug("Listing the subscriptions of store {Store} failed ({Problem}); trying again later", store, e.Message);
                continue;
            }

            var stored = records.ToDictionary(r => r.Definition.Key);
            foreach (var record in records)
            {
                if (memberships.TryGet(record.Definition.Key, out var known) && !known.Definition.IsSameSubscriptionAs(record.Definition))
                {
                    // Removed and created again with another definition: start over.
                    await memberships.LeaveAsync(record.Definition.Key).ConfigureAwait(false);
                }

                await memberships.JoinAsync(record.Definition, cancellationToken).ConfigureAwait(false);
            }

            foreach (var membership in memberships.InStore(store).Where(m => !stored.ContainsKey(m.Definition.Key)).ToList())
            {
                // The owner's runner tells a removal from a node that lost its store (and the
                // record with it) by the stream versions; everyone else just leaves.
                if (!membership.IsDelivering && membership.LocalSnapshot?.Status.State != SubscriptionState.DataLoss)
                {
                    logger.LogInformation("Subscription {Subscription} no longer stored (removed); leaving it", membership.Definition.Key);
                    await memberships.LeaveAsync(membership.Definition.Key).ConfigureAwait(false);
                }
            }
        }
    }
}
