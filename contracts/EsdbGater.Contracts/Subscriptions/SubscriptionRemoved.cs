namespace EsdbGater.Contracts;

/// <summary>Response to <see cref="RemoveSubscription"/>: the subscription is gone.</summary>
/// <param name="Store">The store.</param>
/// <param name="Name">The subscription.</param>
/// <param name="OwnerStopped">True when the replica delivering it confirmed it stopped before this answer.</param>
public sealed record SubscriptionRemoved(string Store, string Name, bool OwnerStopped);
