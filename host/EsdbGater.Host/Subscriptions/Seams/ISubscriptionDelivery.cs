namespace EsdbGater.Host.Subscriptions.Seams;

/// <summary>The bus side: sends a subscription's messages to its destination.</summary>
internal interface ISubscriptionDelivery
{
    /// <summary>
    /// Sends <paramref name="message"/> and completes when the broker confirmed it (publisher
    /// confirms). Throws <see cref="DestinationGoneException"/> when the broker returned it because
    /// nothing is bound to the destination any more; any other exception is a failed send.
    /// Calls made one after another from one caller reach the broker in that order.
    /// </summary>
    Task SendAsync<T>(DeliveryTarget target, T message, CancellationToken cancellationToken)
        where T : class;
}

/// <summary>A resolved destination.</summary>
/// <param name="Address">The MassTransit address to send to.</param>
/// <param name="Durable">True for persistent subscriptions: messages are persistent.</param>
internal sealed record DeliveryTarget(Uri Address, bool Durable);

/// <summary>The broker returned a message: no queue is bound to the destination (a transient client went away).</summary>
internal sealed class DestinationGoneException(string destination, Exception? inner = null)
    : Exception($"Nothing is bound to the destination '{destination}' any more.", inner);
