using EsdbGater.Host.Logging;
using EsdbGater.Host.Observability;
using EsdbGater.Host.Operations;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Api;

/// <summary>
/// The MassTransit consumer of one gateway operation, the same for every
/// <see cref="IGatewayHandler{TRequest}"/>: validate, then handle within the budget the client's
/// timeout leaves, then answer (<see cref="GatewayResponder"/>). <see cref="BusSetup"/> closes it
/// over each handler, so every operation keeps a consumer and a queue of its own. Every request is
/// observed here, once for all operations (<see cref="RequestTelemetry"/>).
/// </summary>
internal sealed class GatewayHandlerConsumer<THandler, TRequest>(THandler handler, RequestBudgetFactory budgets, RequestTelemetry telemetry, ILoggerFactory loggers)
    : IConsumer<TRequest>, IGatewayConsumer
    where THandler : class, IGatewayHandler<TRequest>
    where TRequest : class
{
    private readonly ILogger _logger = loggers.CreateLogger(LogComponent.Api);

    public static string QueueName => THandler.QueueName;

    public async Task Consume(ConsumeContext<TRequest> context)
    {
        var observation = telemetry.Start(QueueName, context.Message);
        object? response = null;
        try
        {
            response = await GatewayResponder.RespondAsync(context, _logger, async ct =>
                handler.Validate(context.Message) as object
                ?? await handler.HandleAsync(context.Message, budgets.For(context.ExpirationTime), ct).ConfigureAwait(false)).ConfigureAwait(false);
        }
        finally
        {
            telemetry.Stop(observation, response);
        }
    }
}
