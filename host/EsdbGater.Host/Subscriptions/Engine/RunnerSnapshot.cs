using EsdbGater.Host.Subscriptions.Model;

namespace EsdbGater.Host.Subscriptions.Engine;

/// <summary>An immutable view of a running subscription, for <c>GetSubscriptions</c> and its stored record.</summary>
internal sealed record RunnerSnapshot(IReadOnlyDictionary<string, long> Checkpoint, RuntimeStatus Status);
