using EsdbGater.Contracts;
using EsdbGater.Host.Api.Validation;
using EsdbGater.Host.Operations;

namespace EsdbGater.Host.Api.Handlers;

/// <summary><see cref="RecordSnapshot"/> → <see cref="SnapshotRecorded"/> | <see cref="GatewayError"/>.</summary>
internal sealed class RecordSnapshotHandler(RequestValidator validator, SnapshotWriter snapshots) : IGatewayHandler<RecordSnapshot>
{
    public static string QueueName => GatewayEndpoints.RecordSnapshot;

    public GatewayError? Validate(RecordSnapshot request) => validator.Validate(request);

    public Task<object> HandleAsync(RecordSnapshot request, RequestBudget budget, CancellationToken cancellationToken) =>
        snapshots.RecordAsync(request, budget, cancellationToken);
}
