using EsdbGater.Contracts;
using EsdbGater.Host.Api;
using EsdbGater.Host.Operations;
using EsdbGater.Host.Subscriptions.Management;

namespace EsdbGater.Host.Subscriptions.Bus.Requests;

/// <summary><see cref="GetSubscriptions"/> → <see cref="SubscriptionsListed"/> | <see cref="GatewayError"/>.</summary>
internal sealed class GetSubscriptionsHandler(SubscriptionRequestValidator validator, SubscriptionManager subscriptions) : IGatewayHandler<GetSubscriptions>
{
    public static string QueueName => SubscriptionEndpoints.GetSubscriptions;

    public GatewayError? Validate(GetSubscriptions request) => validator.Validate(request);

    public Task<object> HandleAsync(GetSubscriptions request, RequestBudget budget, CancellationToken cancellationToken) =>
        subscriptions.ListAsync(request, cancellationToken);
}
