namespace EsdbGater.Host.Subscriptions.Model;

/// <summary>
/// A persistent subscription as stored outside the gateway: its definition, its checkpoint
/// (stream id → number of the last handled event) and its owner's last status.
/// </summary>
internal sealed record SubscriptionRecord(
    SubscriptionDefinition Definition,
    IReadOnlyDictionary<string, long> Checkpoint,
    RuntimeStatus Status,
    DateTimeOffset CreatedAt);
