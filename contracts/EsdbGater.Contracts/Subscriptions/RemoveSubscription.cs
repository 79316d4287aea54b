namespace EsdbGater.Contracts;

/// <summary>
/// Request: stop a subscription for good and forget its checkpoint. Responses:
/// <see cref="SubscriptionRemoved"/>, <see cref="SubscriptionNotFound"/> or <see cref="GatewayError"/>.
/// </summary>
/// <remarks>
/// Unlike ExESDB's <c>remove_subscription</c> (whose emitters keep running), delivery stops:
/// the owner stops forwarding before the gateway answers, or, when no owner answered in time,
/// at the latest when an owner next checks the stored subscription. Events already sent stay
/// in the destination queue, followed by a <see cref="SubscriptionDropped"/> with
/// <see cref="SubscriptionDropReason.Removed"/>.
/// </remarks>
/// <param name="Store">The store.</param>
/// <param name="Name">The subscription.</param>
public sealed record RemoveSubscription(string Store, string Name);
