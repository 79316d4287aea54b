using EsdbGater.Contracts;
using EsdbGater.Host.Api.Validation;
using EsdbGater.Host.Operations;

namespace EsdbGater.Host.Api.Handlers;

/// <summary><see cref="AppendEvents"/> → <see cref="EventsAppended"/> | <see cref="WrongExpectedVersion"/> | <see cref="GatewayError"/>.</summary>
internal sealed class AppendEventsHandler(RequestValidator validator, AppendExecutor appends) : IGatewayHandler<AppendEvents>
{
    public static string QueueName => GatewayEndpoints.AppendEvents;

    public GatewayError? Validate(AppendEvents request) => validator.Validate(request);

    public Task<object> HandleAsync(AppendEvents request, RequestBudget budget, CancellationToken cancellationToken) =>
        appends.AppendAsync(request, budget, cancellationToken);
}
