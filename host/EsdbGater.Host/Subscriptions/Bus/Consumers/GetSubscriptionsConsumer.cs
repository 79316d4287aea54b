using EsdbGater.Contracts;
using EsdbGater.Host.Api;
using EsdbGater.Host.Logging;
using EsdbGater.Host.Subscriptions.Management;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Subscriptions.Bus.Consumers;

/// <summary><see cref="GetSubscriptions"/> → <see cref="SubscriptionsListed"/> | <see cref="GatewayError"/>.</summary>
internal sealed class GetSubscriptionsConsumer(SubscriptionManager subscriptions, ILoggerFactory loggers) : IConsumer<GetSubscriptions>, IGatewayConsumer
{
    private readonly ILogger _logger = loggers.CreateLogger(LogComponent.Subscriptions);

    public static string QueueName => SubscriptionEndpoints.GetSubscriptions;

    public Task Consume(ConsumeContext<GetSubscriptions> context) =>
        GatewayResponder.RespondAsync(context, _logger, ct => subscriptions.ListAsync(context.Message, ct));
}
