using MassTransit;

namespace EsdbGater.TestKit.RabbitMq;

/// <summary>Points a MassTransit RabbitMQ bus at a test broker.</summary>
public static class RabbitMqBusConfiguration
{
    /// <summary>Configures the bus host from <paramref name="endpoint"/>.</summary>
    public static void Host(this IRabbitMqBusFactoryConfigurator configurator, RabbitMqEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        ArgumentNullException.ThrowIfNull(endpoint);
        configurator.Host(endpoint.Host, checked((ushort)endpoint.Port), endpoint.VirtualHost, host =>
        {
            host.Username(endpoint.Username);
            host.Password(endpoint.Password);
        });
    }
}
