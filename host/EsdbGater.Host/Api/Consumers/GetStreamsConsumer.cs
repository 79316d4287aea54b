using EsdbGater.Contracts;
using EsdbGater.Host.Api.Validation;
using EsdbGater.Host.Logging;
using EsdbGater.Host.Operations;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Api.Consumers;

/// <summary><see cref="GetStreams"/> → <see cref="StreamsListed"/> | <see cref="GatewayError"/>.</summary>
internal sealed class GetStreamsConsumer(RequestValidator validator, ReadExecutor reads, RequestBudgetFactory budgets, ILoggerFactory loggers)
    : IConsumer<GetStreams>, IGatewayConsumer
{
    private readonly ILogger _logger = loggers.CreateLogger(LogComponent.Api);

    public static string QueueName => GatewayEndpoints.GetStreams;

    public Task Consume(ConsumeContext<GetStreams> context) =>
        GatewayResponder.RespondAsync(context, _logger, async ct =>
        {
            var request = context.Message;
            if (validator.Validate(request) is { } invalid)
            {
                return invalid;
            }

            var streams = await reads.ExecuteAsync(
                request.Store,
                budgets.For(context.ExpirationTime),
                (node, worker, timeout, token) => node.GetStreamsAsync(worker, timeout, token),
                ct).ConfigureAwait(false);
            return new StreamsListed(request.Store, [.. streams.Order(StringComparer.Ordinal)]);
        });
}
