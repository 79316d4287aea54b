using EsdbGater.Contracts;
using EsdbGater.Host.Api.Validation;
using EsdbGater.Host.Operations;

namespace EsdbGater.Host.Api.Handlers;

/// <summary><see cref="ReadSnapshot"/> → <see cref="SnapshotRead"/> | <see cref="SnapshotNotFound"/> | <see cref="GatewayError"/>.</summary>
internal sealed class ReadSnapshotHandler(RequestValidator validator, ReadExecutor reads) : IGatewayHandler<ReadSnapshot>
{
    public static string QueueName => GatewayEndpoints.ReadSnapshot;

    public GatewayError? Validate(ReadSnapshot request) => validator.Validate(request);

    public async Task<object> HandleAsync(ReadSnapshot request, RequestBudget budget, CancellationToken cancellationToken)
    {
        var snapshot = await reads.ExecuteAsync(
            request.Store,
            budget,
            (node, worker, timeout, ct) => node.ReadSnapshotAsync(worker, request.Key, timeout, ct),
            cancellationToken).ConfigureAwait(false);
        return snapshot is null ? new SnapshotNotFound(request.Store, request.Key) : new SnapshotRead(request.Store, snapshot);
    }
}
