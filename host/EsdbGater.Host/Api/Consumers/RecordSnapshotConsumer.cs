using EsdbGater.Contracts;
using EsdbGater.Host.Api.Validation;
using EsdbGater.Host.Logging;
using EsdbGater.Host.Operations;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Api.Consumers;

/// <summary><see cref="RecordSnapshot"/> → <see cref="SnapshotRecorded"/> | <see cref="GatewayError"/>.</summary>
internal sealed class RecordSnapshotConsumer(RequestValidator validator, SnapshotWriter snapshots, RequestBudgetFactory budgets, ILoggerFactory loggers)
    : IConsumer<RecordSnapshot>, IGatewayConsumer
{
    private readonly ILogger _logger = loggers.CreateLogger(LogComponent.Api);

    public static string QueueName => GatewayEndpoints.RecordSnapshot;

    public Task Consume(ConsumeContext<RecordSnapshot> context) =>
        GatewayResponder.RespondAsync(context, _logger, async ct =>
            validator.Validate(context.Message) as object
            ?? await snapshots.RecordAsync(context.Message, budgets.For(context.ExpirationTime), ct).ConfigureAwait(false));
}
