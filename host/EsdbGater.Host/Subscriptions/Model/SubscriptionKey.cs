namespace EsdbGater.Host.Subscriptions.Model;

/// <summary>A subscription's identity: names are unique per store.</summary>
internal readonly record struct SubscriptionKey(string Store, string Name)
{
    public override string ToString() => $"{Store}/{Name}";
}
