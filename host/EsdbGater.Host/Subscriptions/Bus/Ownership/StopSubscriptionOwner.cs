namespace EsdbGater.Host.Subscriptions.Bus.Ownership;

/// <summary>Request to whichever replica owns a subscription: stop delivering it (it is being removed). Answered with <see cref="SubscriptionOwnerStopped"/>.</summary>
/// <param name="Store">The store.</param>
/// <param name="Name">The subscription.</param>
public sealed record StopSubscriptionOwner(string Store, string Name);

/// <summary>The owner stopped delivering.</summary>
/// <param name="Replica">The replica that stopped.</param>
public sealed record SubscriptionOwnerStopped(string Replica);
