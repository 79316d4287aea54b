using EsdbGater.Contracts;
using EsdbGater.Host.Api.Validation;
using EsdbGater.Host.Operations;

namespace EsdbGater.Host.Api.Handlers;

/// <summary><see cref="GetVersion"/> → <see cref="StreamVersion"/> | <see cref="GatewayError"/>.</summary>
internal sealed class GetVersionHandler(RequestValidator validator, ReadExecutor reads) : IGatewayHandler<GetVersion>
{
    public static string QueueName => GatewayEndpoints.GetVersion;

    public GatewayError? Validate(GetVersion request) => validator.Validate(request);

    public async Task<object> HandleAsync(GetVersion request, RequestBudget budget, CancellationToken cancellationToken)
    {
        var version = await reads.ExecuteAsync(
            request.Store,
            budget,
            (node, worker, timeout, ct) => node.GetVersionAsync(worker, request.StreamId, timeout, ct),
            cancellationToken).ConfigureAwait(false);
        return new StreamVersion(request.Store, request.StreamId, version);
    }
}
