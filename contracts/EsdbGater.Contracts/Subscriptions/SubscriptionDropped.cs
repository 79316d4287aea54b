namespace EsdbGater.Contracts;

/// <summary>Sent to the destination (when it still exists) when the gateway stops delivering a subscription.</summary>
/// <param name="SubscriptionName">The subscription.</param>
/// <param name="Store">The store.</param>
/// <param name="Reason">Why.</param>
/// <param name="Message">Detail for logs.</param>
/// <param name="At">When, by the gateway's clock.</param>
public sealed record SubscriptionDropped(
    string SubscriptionName,
    string Store,
    SubscriptionDropReason Reason,
    string Message,
    DateTimeOffset At);
