using EsdbGater.Contracts;
using EsdbGater.Host.Api.Validation;
using EsdbGater.Host.Logging;
using EsdbGater.Host.Operations;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Api.Consumers;

/// <summary><see cref="GetEvents"/> → <see cref="EventsRead"/> | <see cref="GatewayError"/>.</summary>
internal sealed class GetEventsConsumer(RequestValidator validator, ReadExecutor reads, RequestBudgetFactory budgets, ILoggerFactory loggers)
    : IConsumer<GetEvents>, IGatewayConsumer
{
    private readonly ILogger _logger = loggers.CreateLogger(LogComponent.Api);

    public static string QueueName => GatewayEndpoints.GetEvents;

    public Task Consume(ConsumeContext<GetEvents> context) =>
        GatewayResponder.RespondAsync(context, _logger, async ct =>
        {
            var request = context.Message;
            if (validator.Validate(request) is { } invalid)
            {
                return invalid;
            }

            var events = await reads.ExecuteAsync(
                request.Store,
                budgets.For(context.ExpirationTime),
                (node, worker, timeout, token) => node.GetEventsAsync(worker, request.StreamId, request.Start, request.Count, request.Direction, timeout, token),
                ct).ConfigureAwait(false);
            return new EventsRead(request.Store, request.StreamId, events);
        });
}
