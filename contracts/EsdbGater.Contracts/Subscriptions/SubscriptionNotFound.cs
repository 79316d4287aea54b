namespace EsdbGater.Contracts;

/// <summary>Response to <see cref="RemoveSubscription"/>: no subscription of that name in the store.</summary>
/// <param name="Store">The store.</param>
/// <param name="Name">The name asked for.</param>
public sealed record SubscriptionNotFound(string Store, string Name);
