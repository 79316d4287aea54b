using EsdbGater.Host.Subscriptions.Engine;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;

namespace EsdbGater.Host.Subscriptions.Management;

/// <summary>Creates runners with the replica's shared dependencies.</summary>
internal sealed class RunnerFactory(RunnerDependencies dependencies)
{
    public RunnerDependencies Dependencies => dependencies;

    public SubscriptionRunner Create(SubscriptionDefinition definition, IReadOnlyDictionary<string, long> checkpoint, bool resumed, DateTimeOffset createdAt) =>
        new(
            definition,
            new DeliveryTarget(DestinationAddress.Resolve(definition.Destination, definition.Lifetime), definition.IsPersistent),
            checkpoint,
            resumed,
            createdAt,
            dependencies);
}
