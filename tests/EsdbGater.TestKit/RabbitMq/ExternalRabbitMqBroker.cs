namespace EsdbGater.TestKit.RabbitMq;

/// <summary>A broker someone else runs, named by <c>RABBITMQ_URL</c>; the test kit never stops it.</summary>
public sealed class ExternalRabbitMqBroker : IRabbitMqBroker
{
    /// <summary>The environment variable that names an external broker.</summary>
    public const string UrlVariable = "RABBITMQ_URL";

    private ExternalRabbitMqBroker(RabbitMqEndpoint endpoint) => Endpoint = endpoint;

    /// <inheritdoc />
    public RabbitMqEndpoint Endpoint { get; }

    /// <inheritdoc />
    public string Description => $"external broker from {UrlVariable} at {Endpoint}";

    /// <summary>The broker of <c>RABBITMQ_URL</c>, once an AMQP connection to it succeeds; <see langword="null"/> when the variable is unset.</summary>
    /// <exception cref="FormatException">RABBITMQ_URL is not an amqp:// URI.</exception>
    /// <exception cref="TimeoutException">No AMQP connection within <paramref name="timeout"/>.</exception>
    public static async Task<ExternalRabbitMqBroker?> FromEnvironmentAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (Environment.GetEnvironmentVariable(UrlVariable) is not { Length: > 0 } url)
        {
            return null;
        }

        RabbitMqEndpoint endpoint;
        try
        {
            endpoint = RabbitMqEndpoint.Parse(url);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{UrlVariable}: {e.Message}", e);
        }

        await AmqpReadiness.WaitAsync(endpoint, timeout, brokerExited: null, cancellationToken).ConfigureAwait(false);
        return new ExternalRabbitMqBroker(endpoint);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
