using EsdbGater.Host.Configuration;
using EsdbGater.Host.Pool;
using EsdbGater.Host.Subscriptions.Bus.Ownership;
using EsdbGater.Host.Subscriptions.Management;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Subscriptions;

/// <summary>
/// Runs the subscriptions of this replica: the lease ticks, and a periodic look at the stored
/// subscriptions of every known store. Registered after the bus, so it starts once the bus is
/// up and stops (writing final checkpoints, handing subscriptions over) before it goes down.
/// </summary>
internal sealed class SubscriptionService(
    SubscriptionManager manager,
    RabbitMqSubscriptionOwnership ownership,
    IKnownStores stores,
    IOptions<GatewayOptions> gateway,
    IOptions<SubscriptionOptions> options,
    TimeProvider time,
    ILogger logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        manager.Watch(gateway.Value.Stores);
        var ticking = ownership.RunAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.RegistryRefreshInterval, time);
        try
        {
            do
            {
                manager.Watch(stores.All);
                try
                {
                    await manager.RefreshAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Looking for stored subscriptions failed; trying again in {Interval}", options.Value.RegistryRefreshInterval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await ticking.ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await manager.DisposeAsync().ConfigureAwait(false);
    }
}
