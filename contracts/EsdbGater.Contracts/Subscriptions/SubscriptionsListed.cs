namespace EsdbGater.Contracts;

/// <summary>Response to <see cref="GetSubscriptions"/>.</summary>
/// <param name="Store">The store.</param>
/// <param name="Subscriptions">Persistent subscriptions of the store and the answering replica's transient ones, ordered by name.</param>
public sealed record SubscriptionsListed(string Store, IReadOnlyList<SubscriptionInfo> Subscriptions);
