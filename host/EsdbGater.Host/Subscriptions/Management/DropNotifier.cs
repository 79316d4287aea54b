using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Subscriptions.Management;

/// <summary>
/// Tells a subscription's destination that the subscription ended (<see cref="SubscriptionDropped"/>).
/// Best effort: the destination may be gone, which is often why a transient subscription ends.
/// </summary>
internal sealed class DropNotifier(ISubscriptionDelivery delivery, IOptions<SubscriptionOptions> options, TimeProvider time, ILogger logger)
{
    public async Task SendAsync(SubscriptionDefinition definition, SubscriptionDropReason reason, string message)
    {
        var target = DestinationAddress.TargetOf(definition);
        using var timeout = new CancellationTokenSource(options.Value.SendTimeout, time);
        try
        {
            await delivery.SendAsync(
                target,
                new SubscriptionDropped(definition.Name, definition.Store, reason, message, time.GetUtcNow()),
                timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogDebug("Subscription {Subscription}: could not tell the destination it was dropped ({Problem})", definition.Key, e.Message);
        }
    }
}
