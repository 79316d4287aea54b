using EsdbGater.Contracts;
using EsdbGater.Host.Api.Validation;
using EsdbGater.Host.Operations;

namespace EsdbGater.Host.Api.Handlers;

/// <summary><see cref="GetStreams"/> → <see cref="StreamsListed"/> (in ordinal order) | <see cref="GatewayError"/>.</summary>
internal sealed class GetStreamsHandler(RequestValidator validator, ReadExecutor reads) : IGatewayHandler<GetStreams>
{
    public static string QueueName => GatewayEndpoints.GetStreams;

    public GatewayError? Validate(GetStreams request) => validator.Validate(request);

    public async Task<object> HandleAsync(GetStreams request, RequestBudget budget, CancellationToken cancellationToken)
    {
        var streams = await reads.ExecuteAsync(
            request.Store,
            budget,
            (node, worker, timeout, ct) => node.GetStreamsAsync(worker, timeout, ct),
            cancellationToken).ConfigureAwait(false);
        return new StreamsListed(request.Store, [.. streams.Order(StringComparer.Ordinal)]);
    }
}
