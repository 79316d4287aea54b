using EsdbGater.Contracts;
using EsdbGater.Host.Api.Validation;
using EsdbGater.Host.Logging;
using EsdbGater.Host.Operations;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Api.Consumers;

/// <summary><see cref="GetVersion"/> → <see cref="StreamVersion"/> | <see cref="GatewayError"/>.</summary>
internal sealed class GetVersionConsumer(RequestValidator validator, ReadExecutor reads, RequestBudgetFactory budgets, ILoggerFactory loggers)
    : IConsumer<GetVersion>, IGatewayConsumer
{
    private readonly ILogger _logger = loggers.CreateLogger(LogComponent.Api);

    public static string QueueName => GatewayEndpoints.GetVersion;

    public Task Consume(ConsumeContext<GetVersion> context) =>
        GatewayResponder.RespondAsync(context, _logger, async ct =>
        {
            var request = context.Message;
            if (validator.Validate(request) is { } invalid)
            {
                return invalid;
            }

            var version = await reads.ExecuteAsync(
                request.Store,
                budgets.For(context.ExpirationTime),
                (node, worker, timeout, token) => node.GetVersionAsync(worker, request.StreamId, timeout, token),
                ct).ConfigureAwait(false);
            return new StreamVersion(request.Store, request.StreamId, version);
        });
}
