using EsdbGater.Contracts;
using EsdbGater.Host.Api.Validation;
using EsdbGater.Host.Operations;

namespace EsdbGater.Host.Api.Handlers;

/// <summary><see cref="GetEvents"/> → <see cref="EventsRead"/> | <see cref="GatewayError"/>.</summary>
internal sealed class GetEventsHandler(RequestValidator validator, ReadExecutor reads) : IGatewayHandler<GetEvents>
{
    public static string QueueName => GatewayEndpoints.GetEvents;

    public GatewayError? Validate(GetEvents request) => validator.Validate(request);

    public async Task<object> HandleAsync(GetEvents request, RequestBudget budget, CancellationToken cancellationToken)
    {
        var events = await reads.ExecuteAsync(
            request.Store,
            budget,
            (node, worker, timeout, ct) => node.GetEventsAsync(worker, request.StreamId, request.Start, request.Count, request.Direction, timeout, ct),
            cancellationToken).ConfigureAwait(false);
        return new EventsRead(request.Store, request.StreamId, events);
    }
}
