using EsdbGater.Contracts;

namespace EsdbGater.Host.Subscriptions.Model;

/// <summary>
/// What a subscription is, once validated. Two saves of the same subscription (see
/// <see cref="IsSameSubscriptionAs"/>) are one (the second resumes it); a different definition
/// under a used name is refused.
/// </summary>
/// <param name="Store">The store.</param>
/// <param name="Name">Unique per store.</param>
/// <param name="Type">What the selector selects.</param>
/// <param name="Selector">The selector as the client sent it.</param>
/// <param name="Destination">The destination as the client sent it.</param>
/// <param name="Lifetime">Persistent or transient.</param>
/// <param name="CheckpointMode">When the checkpoint advances.</param>
/// <param name="MaxInFlight">The in-flight window, already capped.</param>
internal sealed record SubscriptionDefinition(
    string Store,
    string Name,
    SubscriptionType Type,
    string Selector,
    string Destination,
    SubscriptionLifetime Lifetime,
    CheckpointMode CheckpointMode,
    int MaxInFlight)
{
    public SubscriptionKey Key => new(Store, Name);

    public bool IsPersistent => Lifetime == SubscriptionLifetime.Persistent;

    /// <summary>Equal apart from the in-flight window, which a later save may not change.</summary>
    public bool IsSameSubscriptionAs(SubscriptionDefinition other) => this with { MaxInFlight = other.MaxInFlight } == other;
}
