using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Subscriptions.Management;

/// <summary>
/// Answers <see cref="GetSubscriptions"/>: every subscription of a store with its state, first
/// hand where this replica runs it, otherwise as its owner last stored it.
/// </summary>
internal sealed class SubscriptionListing(
    SubscriptionRequestValidator validator,
    ICheckpointStore checkpoints,
    PersistentMemberships memberships,
    TransientSubscriptions transients,
    IOptions<SubscriptionOptions> options,
    TimeProvider time)
{
    /// <summary><see cref="SubscriptionsListed"/> or <see cref="GatewayError"/>.</summary>
    public async Task<object> ListAsync(GetSubscriptions request, CancellationToken cancellationToken)
    {
        if (validator.Validate(request) is { } invalid)
        {
            return invalid;
        }

        var records = await checkpoints.ListAsync(request.Store, cancellationToken).ConfigureAwait(false);
        var infos = new List<SubscriptionInfo>(records.Count);
        foreach (var record in records)
        {
            var local = memberships.TryGet(record.Definition.Key, out var membership) ? membership.LocalSnapshot : null;
            infos.Add(local is null
                ? Info(record.Definition, record.Checkpoint, Aged(record.Status))
                : Info(record.Definition, local.Checkpoint, local.Status));
        }

        // Subscriptions this replica runs whose record is gone (a node lost its store): reported, not hidden.
        foreach (var membership in memberships.InStore(request.Store).Where(m => records.All(r => r.Definition.Key != m.Definition.Key)))
        {
            if (membership.LocalSnapshot is { } local)
            {
                infos.Add(Info(membership.Definition, local.Checkpoint, local.Status));
            }
        }

        foreach (var runner in transients.InStore(request.Store).Select(t => t.Runner))
        {
            infos.Add(Info(runner.Definition, runner.Snapshot.Checkpoint, runner.Snapshot.Status));
        }

        infos.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new SubscriptionsListed(request.Store, infos);
    }

    /// <summary>A stored status older than this was not refreshed by a live owner.</summary>
    private TimeSpan StaleAfter => (options.Value.CheckpointInterval * 20) + options.Value.LeaseTimeout;

    private RuntimeStatus Aged(RuntimeStatus status) =>
        status.Owner is not null && status.State != SubscriptionState.DataLoss && time.GetUtcNow() - status.UpdatedAt > StaleAfter
            ? status with { Owner = null, State = SubscriptionState.Unowned }
            : status;

    private static SubscriptionInfo Info(SubscriptionDefinition d, IReadOnlyDictionary<string, long> checkpoint, RuntimeStatus s) =>
        new(d.Name, d.Type, d.Selector, d.Destination, d.Lifetime, d.CheckpointMode, s.Owner, s.State, s.LiveFeed, checkpoint, s.Lag, s.InFlight, s.LastError, s.UpdatedAt);
}
