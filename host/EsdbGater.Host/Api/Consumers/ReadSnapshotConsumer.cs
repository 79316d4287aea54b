using EsdbGater.Contracts;
using EsdbGater.Host.Api.Validation;
using EsdbGater.Host.Logging;
using EsdbGater.Host.Operations;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Api.Consumers;

/// <summary><see cref="ReadSnapshot"/> → <see cref="SnapshotRead"/> | <see cref="SnapshotNotFound"/> | <see cref="GatewayError"/>.</summary>
internal sealed class ReadSnapshotConsumer(RequestValidator validator, ReadExecutor reads, RequestBudgetFactory budgets, ILoggerFactory loggers)
    : IConsumer<ReadSnapshot>, IGatewayConsumer
{
    private readonly ILogger _logger = loggers.CreateLogger(LogComponent.Api);

    public static string QueueName => GatewayEndpoints.ReadSnapshot;

    public Task Consume(ConsumeContext<ReadSnapshot> context) =>
        GatewayResponder.RespondAsync(context, _logger, async ct =>
        {
            var request = context.Message;
            if (validator.Validate(request) is { } invalid)
            {
                return invalid;
            }

            var snapshot = await reads.ExecuteAsync(
                request.Store,
                budgets.For(context.ExpirationTime),
                (node, worker, timeout, token) => node.ReadSnapshotAsync(worker, request.Key, timeout, token),
                ct).ConfigureAwait(false);
            return snapshot is null ? new SnapshotNotFound(request.Store, request.Key) : new SnapshotRead(request.Store, snapshot);
        });
}
