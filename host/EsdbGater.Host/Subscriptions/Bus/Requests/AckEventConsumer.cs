using EsdbGater.Contracts;
using EsdbGater.Host.Api;
using EsdbGater.Host.Logging;
using EsdbGater.Host.Observability;
using EsdbGater.Host.Subscriptions.Management;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Subscriptions.Bus.Requests;

/// <summary>
/// <see cref="AckEvent"/> → <see cref="EventAcknowledged"/> | <see cref="GatewayError"/>,
/// answered only when it was a request: a client that acknowledges every event sends, and gets nothing back.
/// </summary>
internal sealed class AckEventConsumer(SubscriptionManager subscriptions, RequestTelemetry telemetry, ILoggerFactory loggers) : IConsumer<AckEvent>, IGatewayConsumer
{
    private readonly ILogger _logger = loggers.CreateLogger(LogComponent.Subscriptions);

    public static string QueueName => SubscriptionEndpoints.AckEvent;

    public async Task Consume(ConsumeContext<AckEvent> context)
    {
        // Observed like every other operation, whether or not the client asked for an answer.
        var observation = telemetry.Start(QueueName, context.Message);
        object? response = null;
        try
        {
            response = context.RequestId is not null
                ? await GatewayResponder.RespondAsync(context, _logger, ct => subscriptions.AckAsync(context.Message, ct)).ConfigureAwait(false)
                : await AcknowledgeSilentlyAsync(context).ConfigureAwait(false);
        }
        finally
        {
            telemetry.Stop(observation, response);
        }
    }

    private async Task<object?> AcknowledgeSilentlyAsync(ConsumeContext<AckEvent> context)
    {
        try
        {
            var answer = await subscriptions.AckAsync(context.Message, context.CancellationToken).ConfigureAwait(false);
            if (answer is GatewayError refused)
            {
                _logger.LogDebug("Acknowledgement for {Store}/{Subscription} refused: {Reason}", context.Message.Store, context.Message.SubscriptionName, refused.Message);
            }

            return answer;
        }
        catch (Exception e) when (GatewayErrors.From(e) is { } error)
        {
            _logger.LogWarning("Acknowledgement for {Store}/{Subscription} failed: {Problem}", context.Message.Store, context.Message.SubscriptionName, e.Message);
            return error;
        }
    }
}
