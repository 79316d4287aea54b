using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Subscriptions.Management;

/// <summary>
/// Answers <see cref="SaveSubscription"/>: stores a new persistent subscription and competes for
/// it, resumes one saved again, or starts a transient one on this replica. A name keeps its
/// definition until the subscription is removed.
/// </summary>
internal sealed class SubscriptionSaver(
    SubscriptionRequestValidator validator,
    StoredSubscriptionSync stored,
    PersistentMemberships memberships,
    TransientSubscriptions transients,
    ICheckpointStore checkpoints,
    InitialCheckpoint initialCheckpoint,
    TimeProvider time,
    ILogger logger)
{
    /// <summary><see cref="SubscriptionSaved"/> or <see cref="GatewayError"/>.</summary>
    public async Task<object> SaveAsync(SaveSubscription request, CancellationToken cancellationToken)
    {
        if (validator.Validate(request) is { } invalid)
        {
            return invalid;
        }

        var definition = validator.ToDefinition(request);
        stored.Watch(definition.Store);
        return definition.IsPersistent
            ? await SavePersistentAsync(definition, request.StartFrom, cancellationToken).ConfigureAwait(false)
            : await SaveTransientAsync(definition, request.StartFrom, cancellationToken).ConfigureAwait(false);
    }

    private async Task<object> SavePersistentAsync(SubscriptionDefinition definition, StartFrom? startFrom, CancellationToken cancellationToken)
    {
        if (transients.TryGet(definition.Key, out _))
        {
            return NameTaken(definition);
        }

        var existing = await checkpoints.LoadAsync(definition.Key, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            if (!existing.Definition.IsSameSubscriptionAs(definition))
            {
                return NameTaken(definition);
            }

            await memberships.JoinAsync(existing.Definition, cancellationToken).ConfigureAwait(false);
            return new SubscriptionSaved(definition.Store, definition.Name, Created: false);
        }

        var checkpoint = await initialCheckpoint.ResolveAsync(definition, startFrom, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        try
        {
            await checkpoints.CreateAsync(new SubscriptionRecord(definition, checkpoint, RuntimeStatus.Unowned(now), now), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            return new GatewayError(GatewayErrorCode.Timeout, $"The subscription was sent to ExESDB but could not be read back in time ({e.Message}); save it again to find out.");
        }

        await memberships.JoinAsync(definition, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Subscription {Subscription} created ({Type} {Selector} → {Destination}, {Mode})",
            definition.Key, definition.Type, definition.Selector, definition.Destination, definition.CheckpointMode);
        return new SubscriptionSaved(definition.Store, definition.Name, Created: true);
    }

    private async Task<object> SaveTransientAsync(SubscriptionDefinition definition, StartFrom? startFrom, CancellationToken cancellationToken)
    {
        if (transients.TryGet(definition.Key, out var running))
        {
            return running.Definition.IsSameSubscriptionAs(definition)
                ? new SubscriptionSaved(definition.Store, definition.Name, Created: false)
                : NameTaken(definition);
        }

        if (memberships.Contains(definition.Key) || await checkpoints.LoadAsync(definition.Key, cancellationToken).ConfigureAwait(false) is not null)
        {
            return NameTaken(definition);
        }

        var checkpoint = await initialCheckpoint.ResolveAsync(definition, startFrom, cancellationToken).ConfigureAwait(false);
        if (await transients.TryStartAsync(definition, checkpoint, cancellationToken).ConfigureAwait(false))
        {
            return new SubscriptionSaved(definition.Store, definition.Name, Created: true);
        }

        return transients.IsClosed ? ReplicaStopping() : NameTaken(definition);
    }

    private static GatewayError NameTaken(SubscriptionDefinition d) =>
        new(GatewayErrorCode.InvalidRequest, $"Name: subscription '{d.Name}' of store '{d.Store}' exists with a different definition (or lifetime); remove it first or choose another name.", "Name");

    /// <summary>Retryable: a transient subscription started now would end with this replica in a moment.</summary>
    private static GatewayError ReplicaStopping() =>
        new(GatewayErrorCode.GatewayStopping, "This gateway replica is stopping and starts no transient subscription; nothing was started: send the request again (another replica takes it).");
}
