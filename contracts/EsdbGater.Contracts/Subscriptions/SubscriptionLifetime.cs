namespace EsdbGater.Contracts;

/// <summary>How long a subscription lives, as in KurrentDB's persistent and catch-up subscriptions.</summary>
public enum SubscriptionLifetime
{
    /// <summary>
    /// Named, durable and resumable: the gateway keeps its definition and checkpoint in ExESDB, so
    /// it survives gateway restarts and moves to another gateway replica when its owner dies.
    /// Events go to a durable queue that the gateway declares if it does not exist yet.
    /// </summary>
    Persistent = 0,

    /// <summary>
    /// Lives as long as its client: kept in the memory of the gateway replica that accepted it,
    /// and ended when the destination (the client's temporary queue) disappears or that replica
    /// stops. The gateway never declares a queue for it, so a vanished client is not resurrected.
    /// </summary>
    Transient = 1,
}
