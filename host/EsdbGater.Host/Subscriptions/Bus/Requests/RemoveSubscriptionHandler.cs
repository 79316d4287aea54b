using EsdbGater.Contracts;
using EsdbGater.Host.Api;
using EsdbGater.Host.Operations;
using EsdbGater.Host.Subscriptions.Management;

namespace EsdbGater.Host.Subscriptions.Bus.Requests;

/// <summary><see cref="RemoveSubscription"/> → <see cref="SubscriptionRemoved"/> | <see cref="SubscriptionNotFound"/> | <see cref="GatewayError"/>.</summary>
internal sealed class RemoveSubscriptionHandler(SubscriptionRequestValidator validator, SubscriptionManager subscriptions) : IGatewayHandler<RemoveSubscription>
{
    public static string QueueName => SubscriptionEndpoints.RemoveSubscription;

    public GatewayError? Validate(RemoveSubscription request) => validator.Validate(request);

    public Task<object> HandleAsync(RemoveSubscription request, RequestBudget budget, CancellationToken cancellationToken) =>
        subscriptions.RemoveAsync(request, cancellationToken);
}
