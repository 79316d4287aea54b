using EsdbGater.Contracts;
using EsdbGater.Host.Api.Validation;
using EsdbGater.Host.Operations;

namespace EsdbGater.Host.Api.Handlers;

/// <summary><see cref="DeleteSnapshot"/> → <see cref="SnapshotDeleted"/> | <see cref="GatewayError"/>.</summary>
internal sealed class DeleteSnapshotHandler(RequestValidator validator, SnapshotWriter snapshots) : IGatewayHandler<DeleteSnapshot>
{
    public static string QueueName => GatewayEndpoints.DeleteSnapshot;

    public GatewayError? Validate(DeleteSnapshot request) => validator.Validate(request);

    public Task<object> HandleAsync(DeleteSnapshot request, RequestBudget budget, CancellationToken cancellationToken) =>
        snapshots.DeleteAsync(request, budget, cancellationToken);
}
