using System.Diagnostics;
using Xunit;

namespace EsdbGater.TestKit.RabbitMq;

/// <summary>
/// One broker shared by the tests of a collection (see <see cref="RabbitMqBrokers.StartAsync"/> for which broker).
/// A test assembly opts in with a collection definition:
/// <code>
/// [CollectionDefinition(RabbitMqFixture.CollectionName)]
/// public sealed class RabbitMqCollection : ICollectionFixture&lt;RabbitMqFixture&gt;;
/// </code>
/// and <c>[Collection(RabbitMqFixture.CollectionName)]</c> on its test classes. Tests share the broker, so each
/// uses its own queue and endpoint names.
/// </summary>
public sealed class RabbitMqFixture : IAsyncLifetime
{
    /// <summary>The conventional collection name.</summary>
    public const string CollectionName = "RabbitMQ";

    private IRabbitMqBroker? broker;

    /// <summary>The running broker.</summary>
    public IRabbitMqBroker Broker => broker ?? throw new InvalidOperationException("The RabbitMQ fixture has not started.");

    /// <summary>Where the broker listens and how to log in.</summary>
    public RabbitMqEndpoint Endpoint => Broker.Endpoint;

    /// <summary>How long choosing and starting the broker took.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        broker = await RabbitMqBrokers.StartAsync().ConfigureAwait(false);
        StartupTime = clock.Elapsed;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (broker is not null)
        {
            await broker.DisposeAsync().ConfigureAwait(false);
        }
    }
}
