using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Seams;

namespace EsdbGater.Host.Observability;

/// <summary>
/// Counts the subscription events the broker confirmed (<see cref="GatewayMetrics.SubscriptionDeliveredEvents"/>)
/// around the real delivery; notices (caught up, dropped, ...) pass straight through, and failed
/// sends are not counted.
/// </summary>
internal sealed class MeteredSubscriptionDelivery(ISubscriptionDelivery inner, GatewayMetrics metrics) : ISubscriptionDelivery
{
    public Task SendAsync<T>(DeliveryTarget target, T message, CancellationToken cancellationToken)
        where T : class =>
        message is SubscribedEvent delivered
            ? SendCountedAsync(target, message, delivered, cancellationToken)
            : inner.SendAsync(target, message, cancellationToken);

    private async Task SendCountedAsync<T>(DeliveryTarget target, T message, SubscribedEvent delivered, CancellationToken cancellationToken)
        where T : class
    {
        await inner.SendAsync(target, message, cancellationToken).ConfigureAwait(false);
        metrics.SubscriptionEventDelivered(delivered.Store, delivered.SubscriptionName);
    }
}
