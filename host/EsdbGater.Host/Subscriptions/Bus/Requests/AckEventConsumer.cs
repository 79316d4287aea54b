using EsdbGater.Contracts;
using EsdbGater.Host.Api;
using EsdbGater.Host.Logging;
using EsdbGater.Host.Subscriptions.Management;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Subscriptions.Bus.Requests;

/// <summary>
/// <see cref="AckEvent"/> → <see cref="EventAcknowledged"/> | <see cref="GatewayError"/>,
/// answered only when it was a request: a client that acknowledges every event sends, and gets nothing back.
/// </summary>
internal sealed class AckEventConsumer(SubscriptionManager subscriptions, ILoggerFactory loggers) : IConsumer<AckEvent>, IGatewayConsumer
{
    private readonly ILogger _logger = loggers.CreateLogger(LogComponent.Subscriptions);

    public static string QueueName => SubscriptionEndpoints.AckEvent;

    public async Task Consume(ConsumeContext<AckEvent> context)
    {
        if (context.RequestId is not null)
        {
            await GatewayResponder.RespondAsync(context, _logger, ct => subscriptions.AckAsync(context.Message, ct)).ConfigureAwait(false);
            return;
        }

        try
        {
            if (await subscriptions.AckAsync(context.Message, context.CancellationToken).ConfigureAwait(false) is GatewayError refused)
            {
                _logger.LogDebug("Acknowledgement for {Store}/{Subscription} refused: {Reason}", context.Message.Store, context.Message.SubscriptionName, refused.Message);
            }
        }
        catch (Exception e) when (GatewayErrors.From(e) is not null)
        {
            _logger.LogWarning("Acknowledgement for {Store}/{Subscription} failed: {Problem}", context.Message.Store, context.Message.SubscriptionName, e.Message);
        }
    }
}
