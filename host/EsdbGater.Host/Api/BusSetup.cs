using EsdbGater.Host.Configuration;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Api;

/// <summary>
/// MassTransit on RabbitMQ: one receive endpoint per operation (every <see cref="IGatewayHandler{TRequest}"/>
/// and every hand-written <see cref="IGatewayConsumer"/> in the host assembly, so later components
/// add operations by writing them), each bound to its request type's exchange because clients
/// publish requests.
/// </summary>
internal static class BusSetup
{
    public static IServiceCollection AddGatewayBus(this IServiceCollection services)
    {
        foreach (var (handler, _) in GatewayHandlers())
        {
            services.AddScoped(handler);
        }

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

    /// <summary>
    /// Every gateway consumer: the hand-written ones, then one <see cref="GatewayHandlerConsumer{THandler, TRequest}"/>
    /// per handler.
    /// </summary>
    public static IEnumerable<Type> GatewayConsumerTypes() =>
        ConcreteTypes()
            .Where(t => typeof(IConsumer).IsAssignableFrom(t) && typeof(IGatewayConsumer).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Concat(GatewayHandlers().Select(h => typeof(GatewayHandlerConsumer<,>).MakeGenericType(h.Handler, h.Request)));

    /// <summary>Every <see cref="IGatewayHandler{TRequest}"/> in the host assembly, with the request type it handles.</summary>
    public static IEnumerable<(Type Handler, Type Request)> GatewayHandlers() =>
        ConcreteTypes()
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IGatewayHandler<>))
                .Select(i => (Handler: t, Request: i.GenericTypeArguments[0])))
            .OrderBy(h => h.Handler.Name, StringComparer.Ordinal);

    // Open generic types (the handler consumer itself) are templates, not consumers.
    private static IEnumerable<Type> ConcreteTypes() =>
        typeof(BusSetup).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false });
}
