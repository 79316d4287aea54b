using EsdbGater.Contracts;
using EsdbGater.Host.Api;
using EsdbGater.Host.Operations;
using EsdbGater.Host.Subscriptions.Management;

namespace EsdbGater.Host.Subscriptions.Bus.Requests;

/// <summary><see cref="SaveSubscription"/> → <see cref="SubscriptionSaved"/> | <see cref="GatewayError"/>.</summary>
internal sealed class SaveSubscriptionHandler(SubscriptionRequestValidator validator, SubscriptionManager subscriptions) : IGatewayHandler<SaveSubscription>
{
    public static string QueueName => SubscriptionEndpoints.SaveSubscription;

    public GatewayError? Validate(SaveSubscription request) => validator.Validate(request);

    public Task<object> HandleAsync(SaveSubscription request, RequestBudget budget, CancellationToken cancellationToken) =>
        subscriptions.SaveAsync(request, cancellationToken);
}
