using System.Security.Cryptography;
using Testcontainers.RabbitMq;

namespace EsdbGater.TestKit.RabbitMq;

/// <summary>A RabbitMQ container started with Testcontainers, for machines with a Docker engine; disposal removes it.</summary>
public sealed class ContainerRabbitMqBroker : IRabbitMqBroker
{
    /// <summary>The image: RabbitMQ 3.13 without the management plugin, which only slows the start.</summary>
    public const string Image = "rabbitmq:3.13-alpine";

    private readonly RabbitMqContainer container;

    private ContainerRabbitMqBroker(RabbitMqContainer container, RabbitMqEndpoint endpoint)
    {
        this.container = container;
        Endpoint = endpoint;
    }

    /// <inheritdoc />
    public RabbitMqEndpoint Endpoint { get; }

    /// <inheritdoc />
    public string Description => $"container {Image} ({container.Id[..12]}) at {Endpoint}";

    /// <summary>Starts the container and returns once it accepts an AMQP login.</summary>
    public static async Task<ContainerRabbitMqBroker> StartAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        const string username = "esdbgater-test";
        var password = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var container = new RabbitMqBuilder(Image).WithUsername(username).WithPassword(password).Build();
        try
        {
            using var startTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startTimeout.CancelAfter(timeout);
            await container.StartAsync(startTimeout.Token).ConfigureAwait(false);
            var endpoint = new RabbitMqEndpoint(container.Hostname, container.GetMappedPublicPort(RabbitMqBuilder.RabbitMqPort), "/", username, password);
            await AmqpReadiness.WaitAsync(endpoint, timeout, brokerExited: null, cancellationToken).ConfigureAwait(false);
            return new ContainerRabbitMqBroker(container, endpoint);
        }
        catch
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => container.DisposeAsync();
}
