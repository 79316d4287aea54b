using System.Collections.Concurrent;
using EsdbGater.Host.Subscriptions.Seams;
using MassTransit;

namespace EsdbGater.Host.Subscriptions.Bus;

/// <summary>
/// Sends subscription messages with MassTransit. The RabbitMQ host runs with publisher
/// confirmation (MassTransit's default), so a send completes when the broker has the message.
/// Sends are mandatory: a message nothing is bound to comes back as
/// <see cref="MessageReturnedException"/>, which is how a vanished transient client shows.
/// </summary>
internal sealed class MassTransitSubscriptionDelivery(IBus bus) : ISubscriptionDelivery
{
    private readonly ConcurrentDictionary<Uri, Task<ISendEndpoint>> _endpoints = new();

    public async Task SendAsync<T>(DeliveryTarget target, T message, CancellationToken cancellationToken)
        where T : class
    {
        var endpoint = await _endpoints.GetOrAdd(target.Address, bus.GetSendEndpoint).ConfigureAwait(false);
        try
        {
            await endpoint.Send(
                message,
                context =>
                {
                    context.Durable = target.Durable;
                    if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
                    {
                        rabbit.Mandatory = true;
                        rabbit.AwaitAck = true;
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (MessageReturnedException e)
        {
            throw new DestinationGoneException(target.Address.ToString(), e);
        }
    }
}
