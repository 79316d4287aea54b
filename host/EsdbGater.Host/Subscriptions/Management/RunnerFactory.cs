using EsdbGater.Host.Subscriptions.Engine;
using EsdbGater.Host.Subscriptions.Model;

namespace EsdbGater.Host.Subscriptions.Management;

/// <summary>Creates runners with the replica's shared dependencies.</summary>
internal sealed class RunnerFactory(RunnerDependencies dependencies)
{
    public RunnerDependencies Dependencies => dependencies;

    public SubscriptionRunner Create(SubscriptionDefinition definition, IReadOnlyDictionary<string, long> checkpoint, bool resumed, DateTimeOffset createdAt) =>
        new(
            definition,
            DestinationAddress.TargetOf(definition),
            checkpoint,
            resumed,
            createdAt,
            dependencies);
}
