namespace EsdbGater.Host.Subscriptions.Engine;

/// <summary>The subscription's stored record is gone: it was removed while this replica delivered it.</summary>
internal sealed class SubscriptionRemovedException() : Exception("The subscription was removed.");
