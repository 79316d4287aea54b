namespace EsdbGater.Host.Subscriptions.Bus.Ownership;

/// <summary>
/// Sent by every gateway replica to every persistent subscription's lease queue each lease
/// interval. Only the queue's single active consumer receives it: receiving ticks is holding
/// the lease. Gateway-internal; public because MassTransit message types must be.
/// </summary>
/// <param name="From">The sending replica.</param>
public sealed record SubscriptionLeaseTick(string From);
