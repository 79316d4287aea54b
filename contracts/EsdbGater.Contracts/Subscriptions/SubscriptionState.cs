namespace EsdbGater.Contracts;

/// <summary>What a subscription is doing.</summary>
public enum SubscriptionState
{
    /// <summary>No gateway replica is delivering it right now (between owners, or none running).</summary>
    Unowned = 0,

    /// <summary>Reading history (or catching up after falling behind).</summary>
    CatchingUp = 1,

    /// <summary>Caught up; delivering new events as they arrive.</summary>
    Live = 2,

    /// <summary>Delivery failed (broker or ExESDB unavailable, destination missing); retrying with back-off from the checkpoint.</summary>
    Retrying = 3,

    /// <summary>
    /// A stream's version went below what the gateway had already delivered: the ExESDB node lost
    /// data (ExESDB deletes its store on a clean shutdown). Delivery is stopped until an operator
    /// removes and re-creates the subscription; <see cref="SubscriptionInfo.LastError"/> names the stream.
    /// </summary>
    DataLoss = 4,
}
