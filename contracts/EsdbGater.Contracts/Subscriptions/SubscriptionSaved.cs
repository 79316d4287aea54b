namespace EsdbGater.Contracts;

/// <summary>Response to <see cref="SaveSubscription"/>: the subscription is stored and will be delivered.</summary>
/// <param name="Store">The store.</param>
/// <param name="Name">The subscription.</param>
/// <param name="Created">True when it was created; false when an identical subscription existed and resumes from its checkpoint.</param>
public sealed record SubscriptionSaved(string Store, string Name, bool Created);
