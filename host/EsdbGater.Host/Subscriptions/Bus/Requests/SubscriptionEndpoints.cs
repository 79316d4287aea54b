namespace EsdbGater.Host.Subscriptions.Bus.Requests;

/// <summary>The queues of the subscription requests (after the configured prefix), like the other operations' (see <c>GatewayEndpoints</c>).</summary>
internal static class SubscriptionEndpoints
{
    public const string SaveSubscription = "save-subscription";
    public const string RemoveSubscription = "remove-subscription";
    public const string AckEvent = "ack-event";
    public const string GetSubscriptions = "get-subscriptions";
}
