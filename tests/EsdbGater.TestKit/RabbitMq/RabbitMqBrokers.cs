namespace EsdbGater.TestKit.RabbitMq;

/// <summary>Chooses and starts the broker for a test run.</summary>
public static class RabbitMqBrokers
{
    /// <summary>How long a broker may take to accept its first AMQP login (a cold container pull is the slow case).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan DockerProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// <c>RABBITMQ_URL</c> when set; else a Testcontainers container when a Docker engine answers; else a local
    /// <c>rabbitmq-server</c> child process on isolated ports.
    /// </summary>
    public static async Task<IRabbitMqBroker> StartAsync(CancellationToken cancellationToken = default)
    {
        if (await ExternalRabbitMqBroker.FromEnvironmentAsync(StartTimeout, cancellationToken).ConfigureAwait(false) is { } external)
        {
            return external;
        }

        if (await DockerEngineProbe.AnswersAsync(DockerProbeTimeout, cancellationToken).ConfigureAwait(false))
        {
            return await ContainerRabbitMqBroker.StartAsync(StartTimeout, cancellationToken).ConfigureAwait(false);
        }

        return await LocalRabbitMqBroker.StartAsync(StartTimeout, cancellationToken).ConfigureAwait(false);
    }
}
