using EsdbGater.Host.Configuration;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Api;

/// <summary>
/// MassTransit on RabbitMQ: one receive endpoint per operation (every <see cref="IGatewayConsumer"/>
/// in the host assembly, so later components add consumers by writing them), each bound to its
/// request type's exchange because clients publish requests.
/// </summary>
internal static class BusSetup
{
    public static IServiceCollection AddGatewayBus(this IServiceCollection services)
    {
        services.AddMassTransit(bus =>
        {
            foreach (var consumer in GatewayConsumerTypes())
            {
                bus.AddConsumer(consumer, typeof(GatewayConsumerDefinition<>).MakeGenericType(consumer));
            }

            bus.UsingRabbitMq((context, rabbit) =>
            {
                var endpoint = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value.Resolve();
                rabbit.Host(endpoint.Host, (ushort)endpoint.Port, endpoint.VirtualHost, host =>
                {
                    host.Username(endpoint.Username);
                    host.Password(endpoint.Password);
                    if (endpoint.UseTls)
                    {
                        host.UseSsl(_ => { });
                    }
                });
                rabbit.ConfigureEndpoints(context);
            });
        });

        // Start the bus before the host reports itself started, so "ready" means "serving".
        services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(15);
        });
        return services;
    }

    public static IEnumerable<Type> GatewayConsumerTypes() =>
        typeof(BusSetup).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IConsumer).IsAssignableFrom(t) && typeof(IGatewayConsumer).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal);
}
