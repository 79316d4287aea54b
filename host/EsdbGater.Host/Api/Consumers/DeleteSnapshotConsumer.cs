using EsdbGater.Contracts;
using EsdbGater.Host.Api.Validation;
using EsdbGater.Host.Logging;
using EsdbGater.Host.Operations;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Api.Consumers;

/// <summary><see cref="DeleteSnapshot"/> → <see cref="SnapshotDeleted"/> | <see cref="GatewayError"/>.</summary>
internal sealed class DeleteSnapshotConsumer(RequestValidator validator, SnapshotWriter snapshots, RequestBudgetFactory budgets, ILoggerFactory loggers)
    : IConsumer<DeleteSnapshot>, IGatewayConsumer
{
    private readonly ILogger _logger = loggers.CreateLogger(LogComponent.Api);

    public static string QueueName => GatewayEndpoints.DeleteSnapshot;

    public Task Consume(ConsumeContext<DeleteSnapshot> context) =>
        GatewayResponder.RespondAsync(context, _logger, async ct =>
            validator.Validate(context.Message) as object
            ?? await snapshots.DeleteAsync(context.Message, budgets.For(context.ExpirationTime), ct).ConfigureAwait(false));
}
