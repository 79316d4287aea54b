namespace EsdbGater.TestKit.RabbitMq;

/// <summary>A RabbitMQ broker that tests can use; disposing it stops whatever the test kit started for it.</summary>
public interface IRabbitMqBroker : IAsyncDisposable
{
    /// <summary>Where the broker listens and how to log in.</summary>
    RabbitMqEndpoint Endpoint { get; }

    /// <summary>Where the broker comes from (external URL, container, local process), without secrets.</summary>
    string Description { get; }
}
