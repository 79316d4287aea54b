namespace EsdbGater.Contracts;

/// <summary>
/// Sent to the destination after the last historical event, when the subscription switches to
/// live delivery (KurrentDB's <c>CaughtUp</c>); sent again after it caught up following a
/// <see cref="SubscriptionFellBehind"/>.
/// </summary>
/// <param name="SubscriptionName">The subscription.</param>
/// <param name="Store">The store.</param>
/// <param name="At">When, by the gateway's clock.</param>
public sealed record SubscriptionCaughtUp(string SubscriptionName, string Store, DateTimeOffset At);
