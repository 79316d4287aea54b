namespace EsdbGater.Contracts;

/// <summary>Response to a requested <see cref="AckEvent"/>: the gateway accepted the acknowledgement and handed it to the subscription's owner.</summary>
/// <param name="Store">The store.</param>
/// <param name="SubscriptionName">The subscription.</param>
/// <param name="StreamId">The stream.</param>
/// <param name="EventNumber">The acknowledged number.</param>
public sealed record EventAcknowledged(string Store, string SubscriptionName, string StreamId, long EventNumber);
