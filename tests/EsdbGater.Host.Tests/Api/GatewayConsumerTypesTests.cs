using System.Reflection;
using EsdbGater.Host.Api;
using MassTransit;

namespace EsdbGater.Host.Tests.Api;

/// <summary>The bus gets one consumer, on a queue of its own, for every operation.</summary>
public sealed class GatewayConsumerTypesTests
{
    [Fact]
    public void Every_gateway_endpoint_has_exactly_one_consumer()
    {
        var queues = BusSetup.GatewayConsumerTypes().Select(QueueName).ToList();
        var endpoints = typeof(GatewayEndpoints).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.Equal(10, endpoints.Count);
        Assert.All(endpoints, endpoint => Assert.Single(queues, q => q == endpoint));
        Assert.Equal(queues.Count, queues.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_handler_is_served_by_a_consumer_of_its_request_type()
    {
        var consumers = BusSetup.GatewayConsumerTypes().ToList();
        var handlers = BusSetup.GatewayHandlers().ToList();

        Assert.NotEmpty(handlers);
        foreach (var (handler, request) in handlers)
        {
            var consumer = Assert.Single(consumers, c => c.IsGenericType && c.GenericTypeArguments[0] == handler);
            Assert.True(typeof(IConsumer<>).MakeGenericType(request).IsAssignableFrom(consumer), $"{handler.Name}'s consumer does not consume {request.Name}");
        }
    }

    private static string QueueName(Type consumer) =>
        (string)consumer.GetProperty(nameof(IGatewayConsumer.QueueName), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
}
