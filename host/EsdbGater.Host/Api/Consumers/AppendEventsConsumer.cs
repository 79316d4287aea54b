using EsdbGater.Contracts;
using EsdbGater.Host.Api.Validation;
using EsdbGater.Host.Logging;
using EsdbGater.Host.Operations;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Api.Consumers;

/// <summary><see cref="AppendEvents"/> → <see cref="EventsAppended"/> | <see cref="WrongExpectedVersion"/> | <see cref="GatewayError"/>.</summary>
internal sealed class AppendEventsConsumer(RequestValidator validator, AppendExecutor appends, RequestBudgetFactory budgets, ILoggerFactory loggers)
    : IConsumer<AppendEvents>, IGatewayConsumer
{
    private readonly ILogger _logger = loggers.CreateLogger(LogComponent.Api);

    public static string QueueName => GatewayEndpoints.AppendEvents;

    public Task Consume(ConsumeContext<AppendEvents> context) =>
        GatewayResponder.RespondAsync(context, _logger, async ct =>
            validator.Validate(context.Message) as object
            ?? await appends.AppendAsync(context.Message, budgets.For(context.ExpirationTime), ct).ConfigureAwait(false));
}
