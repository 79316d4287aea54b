using EsdbGater.TestKit.ExesdbDev;

namespace EsdbGater.Host.Tests.Subscriptions.Integration;

/// <summary>One development node with its emitter pool, shared by a test class whose tests use streams of their own.</summary>
public sealed class StartedClusterFixture : IAsyncLifetime
{
    public DevCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await DevCluster.StartAsync(new DevClusterOptions { EmitterMode = DevEmitterMode.Started });

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
