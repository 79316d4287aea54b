using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Subscriptions.Management;

/// <summary>
/// Answers <see cref="RemoveSubscription"/>: stops whichever replica delivers the subscription
/// first, so that nothing is delivered after the answer, then forgets it and tells its destination.
/// </summary>
internal sealed class SubscriptionRemover(
    SubscriptionRequestValidator validator,
    PersistentMemberships memberships,
    TransientSubscriptions transients,
    ICheckpointStore checkpoints,
    ISubscriptionOwnership ownership,
    DropNotifier drops,
    IOptions<SubscriptionOptions> options,
    ILogger logger)
{
    /// <summary><see cref="SubscriptionRemoved"/>, <see cref="SubscriptionNotFound"/> or <see cref="GatewayError"/>.</summary>
    public async Task<object> RemoveAsync(RemoveSubscription request, CancellationToken cancellationToken)
    {
        if (validator.Validate(request) is { } invalid)
        {
            return invalid;
        }

        var key = new SubscriptionKey(request.Store, request.Name);
        if (transients.TryGet(key, out var transient))
        {
            await transients.RemoveAsync(transient).ConfigureAwait(false);
            return new SubscriptionRemoved(request.Store, request.Name, OwnerStopped: true);
        }

        var record = await checkpoints.LoadAsync(key, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            await memberships.LeaveAsync(key).ConfigureAwait(false);

            // Perhaps a transient subscription of another replica: its lease queue reaches it.
            var elsewhere = await ownership.StopOwnerAsync(key, TransientProbeTimeout, cancellationToken).ConfigureAwait(false);
            return elsewhere
                ? new SubscriptionRemoved(request.Store, request.Name, OwnerStopped: true)
                : new SubscriptionNotFound(request.Store, request.Name);
        }

        bool ownerStopped;
        if (memberships.TryGet(key, out var membership) && membership.IsOwner)
        {
            await membership.StopForRemovalAsync().ConfigureAwait(false);
            ownerStopped = true;
        }
        else
        {
            ownerStopped = await ownership.StopOwnerAsync(key, options.Value.RemoveOwnerTimeout, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            if (!await checkpoints.DeleteAsync(key, cancellationToken).ConfigureAwait(false))
            {
                logger.LogInformation("Subscription {Subscription}: already removed by someone else", key);
            }
        }
        catch (TimeoutException e)
        {
            return new GatewayError(GatewayErrorCode.Timeout, $"The removal was sent to ExESDB but the subscription could still be read ({e.Message}); remove it again.");
        }

        await memberships.LeaveAsync(key).ConfigureAwait(false);
        await drops.SendAsync(record.Definition, SubscriptionDropReason.Removed, "Removed by a client.").ConfigureAwait(false);
        logger.LogInformation("Subscription {Subscription} removed (owner confirmed it stopped: {OwnerStopped})", key, ownerStopped);
        return new SubscriptionRemoved(request.Store, request.Name, ownerStopped);
    }

    /// <summary>How long a removal waits for another replica's transient subscription to answer before it is not found.</summary>
    private TimeSpan TransientProbeTimeout =>
        options.Value.RemoveOwnerTimeout < TimeSpan.FromSeconds(2) ? options.Value.RemoveOwnerTimeout : TimeSpan.FromSeconds(2);
}
