using EsdbGater.Host.Configuration;
using MassTransit;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Api;

/// <summary>
/// Endpoint settings of every gateway consumer: its queue name (prefix + <see cref="IGatewayConsumer.QueueName"/>),
/// prefetch and concurrency from <see cref="BusOptions"/>. No message retry: reads retry inside the
/// gateway where it is safe, and appends must never be repeated blindly.
/// </summary>
internal sealed class GatewayConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer, IGatewayConsumer
{
    public GatewayConsumerDefinition(IOptions<BusOptions> options)
    {
        var bus = options.Value;
        EndpointName = GatewayEndpoints.Name(bus.EndpointPrefix, TConsumer.QueueName);
        ConcurrentMessageLimit = bus.ConcurrentMessageLimit;
        Endpoint(e => e.PrefetchCount = bus.PrefetchCount);
    }
}
