using EsdbGater.Contracts;
using EsdbGater.Host.Operations;

namespace EsdbGater.Host.Api;

/// <summary>
/// What is particular to one gateway operation: the queue it is served on, the checks its request
/// must pass and how it is carried out. <see cref="GatewayHandlerConsumer{THandler, TRequest}"/>
/// makes each handler the operation's own MassTransit consumer, so handlers never touch the bus.
/// </summary>
/// <typeparam name="TRequest">The request type; one handler per request type.</typeparam>
internal interface IGatewayHandler<TRequest>
    where TRequest : class
{
    /// <summary>The queue name after the configured prefix, e.g. <c>append-events</c>; see <see cref="GatewayEndpoints"/>.</summary>
    static abstract string QueueName { get; }

    /// <summary>The typed refusal of an invalid request (InvalidRequest or StoreNotFound), or null when it may proceed.</summary>
    GatewayError? Validate(TRequest request);

    /// <summary>
    /// Carries out a valid request within <paramref name="budget"/> and returns the response, which
    /// is answered by its runtime type. Expected failures throw and become a <see cref="GatewayError"/>
    /// (<see cref="GatewayErrors"/>).
    /// </summary>
    Task<object> HandleAsync(TRequest request, RequestBudget budget, CancellationToken cancellationToken);
}
