using EsdbGater.Contracts;
using EsdbGater.Host.Api;
using EsdbGater.Host.Logging;
using EsdbGater.Host.Subscriptions.Management;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Subscriptions.Bus.Consumers;

/// <summary><see cref="SaveSubscription"/> → <see cref="SubscriptionSaved"/> | <see cref="GatewayError"/>.</summary>
internal sealed class SaveSubscriptionConsumer(SubscriptionManager subscriptions, ILoggerFactory loggers) : IConsumer<SaveSubscription>, IGatewayConsumer
{
    private readonly ILogger _logger = loggers.CreateLogger(LogComponent.Subscriptions);

    public static string QueueName => SubscriptionEndpoints.SaveSubscription;

    public Task Consume(ConsumeContext<SaveSubscription> context) =>
        GatewayResponder.RespondAsync(context, _logger, ct => subscriptions.SaveAsync(context.Message, ct));
}
