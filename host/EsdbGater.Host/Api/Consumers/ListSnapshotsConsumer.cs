using EsdbGater.Contracts;
using EsdbGater.Host.Api.Validation;
using EsdbGater.Host.Logging;
using EsdbGater.Host.Operations;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Api.Consumers;

/// <summary><see cref="ListSnapshots"/> → <see cref="SnapshotsListed"/> | <see cref="GatewayError"/>.</summary>
internal sealed class ListSnapshotsConsumer(RequestValidator validator, ReadExecutor reads, RequestBudgetFactory budgets, ILoggerFactory loggers)
    : IConsumer<ListSnapshots>, IGatewayConsumer
{
    private readonly ILogger _logger = loggers.CreateLogger(LogComponent.Api);

    public static string QueueName => GatewayEndpoints.ListSnapshots;

    public Task Consume(ConsumeContext<ListSnapshots> context) =>
        GatewayResponder.RespondAsync(context, _logger, async ct =>
        {
            var request = context.Message;
            if (validator.Validate(request) is { } invalid)
            {
                return invalid;
            }

            // ExESDB matches nothing for "any source, one stream"; list the sources and filter here.
            var source = request.SourceUuid;
            var stream = source is null ? null : request.StreamUuid;
            var listed = await reads.ExecuteAsync(
                request.Store,
                budgets.For(context.ExpirationTime),
                (node, worker, timeout, token) => node.ListSnapshotsAsync(worker, source, stream, timeout, token),
                ct).ConfigureAwait(false);
            var snapshots = listed
                .Where(s => request.StreamUuid is null || s.Key.StreamUuid == request.StreamUuid)
                .OrderBy(s => s.Key.SourceUuid, StringComparer.Ordinal)
                .ThenBy(s => s.Key.StreamUuid, StringComparer.Ordinal)
                .ThenBy(s => s.Key.Version);
            return new SnapshotsListed(request.Store, [.. snapshots]);
        });
}
