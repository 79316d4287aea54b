using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;

namespace EsdbGater.Host.Subscriptions.Management;

/// <summary>
/// Answers <see cref="AckEvent"/>: hands a client acknowledgement to the subscription's runner,
/// here or, through the subscription's lease queue, on whichever replica owns it.
/// </summary>
internal sealed class AckRouter(
    SubscriptionRequestValidator validator,
    PersistentMemberships memberships,
    TransientSubscriptions transients,
    ICheckpointStore checkpoints,
    ISubscriptionOwnership ownership)
{
    /// <summary><see cref="EventAcknowledged"/>, <see cref="SubscriptionNotFound"/> or <see cref="GatewayError"/>.</summary>
    public async Task<object> AckAsync(AckEvent request, CancellationToken cancellationToken)
    {
        if (validator.Validate(request) is { } invalid)
        {
            return invalid;
        }

        var key = new SubscriptionKey(request.Store, request.SubscriptionName);
        var acknowledged = new EventAcknowledged(request.Store, request.SubscriptionName, request.StreamId, request.EventNumber);
        if (transients.TryGet(key, out var transient))
        {
            if (NotClientAck(transient.Definition) is { } wrongMode)
            {
                return wrongMode;
            }

            transient.OnAck(request.StreamId, request.EventNumber);
            return acknowledged;
        }

        if (memberships.TryGet(key, out var membership))
        {
            if (NotClientAck(membership.Definition) is { } wrongMode)
            {
                return wrongMode;
            }

            if (membership.IsOwner)
            {
                membership.OnAck(request.StreamId, request.EventNumber);
            }
            else
            {
                await ownership.ForwardAckAsync(key, request.StreamId, request.EventNumber, cancellationToken).ConfigureAwait(false);
            }

            return acknowledged;
        }

        var record = await checkpoints.LoadAsync(key, cancellationToken).ConfigureAwait(false);
        if (record is not null && NotClientAck(record.Definition) is { } mode)
        {
            return mode;
        }

        // A stored subscription owned elsewhere, or a transient one of another replica (which
        // this replica cannot see): its lease queue reaches the owner, if there is one.
        await ownership.ForwardAckAsync(key, request.StreamId, request.EventNumber, cancellationToken).ConfigureAwait(false);
        return acknowledged;
    }

    private static GatewayError? NotClientAck(SubscriptionDefinition d) =>
        d.CheckpointMode == CheckpointMode.ClientAck
            ? null
            : new GatewayError(GatewayErrorCode.InvalidRequest, $"SubscriptionName: subscription '{d.Name}' checkpoints on broker confirmation; it takes no acknowledgements.", "SubscriptionName");
}
