namespace EsdbGater.Contracts;

/// <summary>Request: the gateway's subscriptions of a store. Responses: <see cref="SubscriptionsListed"/> or <see cref="GatewayError"/>.</summary>
/// <param name="Store">The store.</param>
public sealed record GetSubscriptions(string Store);
