namespace EsdbGater.Contracts;

/// <summary>Why a subscription stopped.</summary>
public enum SubscriptionDropReason
{
    /// <summary>A client removed it (<see cref="RemoveSubscription"/>).</summary>
    Removed = 0,

    /// <summary>ExESDB lost events the gateway had delivered; see <see cref="SubscriptionState.DataLoss"/>.</summary>
    DataLoss = 1,

    /// <summary>The destination of a transient subscription no longer exists: its client went away.</summary>
    DestinationGone = 2,

    /// <summary>The gateway replica holding a transient subscription is shutting down; subscribe again.</summary>
    GatewayStopping = 3,
}
