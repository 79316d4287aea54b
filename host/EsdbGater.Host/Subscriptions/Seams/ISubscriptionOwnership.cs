using EsdbGater.Host.Subscriptions.Model;

namespace EsdbGater.Host.Subscriptions.Seams;

/// <summary>
/// Single ownership of persistent subscriptions across gateway replicas: every replica joins
/// each subscription, exactly one is told it owns it, and another is told when the owner dies.
/// Also carries commands to whichever replica owns a subscription.
/// </summary>
internal interface ISubscriptionOwnership
{
    /// <summary>This replica's name (shown as a subscription's owner).</summary>
    string ReplicaId { get; }

    /// <summary>Competes for the subscription until the returned handle is disposed.</summary>
    Task<IAsyncDisposable> JoinAsync(SubscriptionKey key, IOwnershipListener listener, CancellationToken cancellationToken);

    /// <summary>Asks the owner to stop delivering; true when an owner confirmed it stopped within <paramref name="timeout"/>.</summary>
    Task<bool> StopOwnerAsync(SubscriptionKey key, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Hands a client acknowledgement to the owner.</summary>
    Task ForwardAckAsync(SubscriptionKey key, string streamId, long eventNumber, CancellationToken cancellationToken);
}

/// <summary>What a replica hears about one subscription it joined.</summary>
internal interface IOwnershipListener
{
    /// <summary>
    /// This replica owns the subscription. Called again at every renewal of the lease, so an
    /// owner that could not start (the store was unreachable) tries again; must be idempotent.
    /// </summary>
    Task OnAcquiredAsync();

    /// <summary>This replica no longer owns it (its lease ran out): stop at once, write nothing.</summary>
    Task OnLostAsync();

    /// <summary>A remover asks the owner to stop; completes when delivery has stopped.</summary>
    Task OnStopRequestedAsync();

    /// <summary>A client acknowledged an event.</summary>
    void OnAck(string streamId, long eventNumber);
}
