namespace EsdbGater.Contracts;

/// <summary>
/// Sent to the destination when live events came faster than the destination took them: the
/// gateway dropped its bounded live buffer and reads from its position instead (nothing is lost).
/// A <see cref="SubscriptionCaughtUp"/> follows once it is live again.
/// </summary>
/// <param name="SubscriptionName">The subscription.</param>
/// <param name="Store">The store.</param>
/// <param name="At">When, by the gateway's clock.</param>
public sealed record SubscriptionFellBehind(string SubscriptionName, string Store, DateTimeOffset At);
