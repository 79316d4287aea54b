using EsdbGater.Contracts;
using EsdbGater.Host.Api.Validation;
using EsdbGater.Host.Operations;

namespace EsdbGater.Host.Api.Handlers;

/// <summary><see cref="ListSnapshots"/> → <see cref="SnapshotsListed"/> (by source, stream, version) | <see cref="GatewayError"/>.</summary>
internal sealed class ListSnapshotsHandler(RequestValidator validator, ReadExecutor reads) : IGatewayHandler<ListSnapshots>
{
    public static string QueueName => GatewayEndpoints.ListSnapshots;

    public GatewayError? Validate(ListSnapshots request) => validator.Validate(request);

    public async Task<object> HandleAsync(ListSnapshots request, RequestBudget budget, CancellationToken cancellationToken)
    {
        // ExESDB matches nothing for "any source, one stream"; list the sources and filter here.
        var source = request.SourceUuid;
        var stream = source is null ? null : request.StreamUuid;
        var listed = await reads.ExecuteAsync(
            request.Store,
            budget,
            (node, worker, timeout, ct) => node.ListSnapshotsAsync(worker, source, stream, timeout, ct),
            cancellationToken).ConfigureAwait(false);
        var snapshots = listed
            .Where(s => request.StreamUuid is null || s.Key.StreamUuid == request.StreamUuid)
            .OrderBy(s => s.Key.SourceUuid, StringComparer.Ordinal)
            .ThenBy(s => s.Key.StreamUuid, StringComparer.Ordinal)
            .ThenBy(s => s.Key.Version);
        return new SnapshotsListed(request.Store, [.. snapshots]);
    }
}
