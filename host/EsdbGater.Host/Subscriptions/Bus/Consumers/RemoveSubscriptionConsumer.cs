using EsdbGater.Contracts;
using EsdbGater.Host.Api;
using EsdbGater.Host.Logging;
using EsdbGater.Host.Subscriptions.Management;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Subscriptions.Bus.Consumers;

/// <summary><see cref="RemoveSubscription"/> → <see cref="SubscriptionRemoved"/> | <see cref="SubscriptionNotFound"/> | <see cref="GatewayError"/>.</summary>
internal sealed class RemoveSubscriptionConsumer(SubscriptionManager subscriptions, ILoggerFactory loggers) : IConsumer<RemoveSubscription>, IGatewayConsumer
{
    private readonly ILogger _logger = loggers.CreateLogger(LogComponent.Subscriptions);

    public static string QueueName => SubscriptionEndpoints.RemoveSubscription;

    public Task Consume(ConsumeContext<RemoveSubscription> context) =>
        GatewayResponder.RespondAsync(context, _logger, ct => subscriptions.RemoveAsync(context.Message, ct));
}
