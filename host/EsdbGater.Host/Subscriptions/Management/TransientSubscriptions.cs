using System.Diagnostics.CodeAnalysis;
using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Engine;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Subscriptions.Management;

/// <summary>
/// The transient subscriptions this replica accepted. They live only here and end when their
/// client goes away, when a client removes them (through any replica), or when this replica
/// stops; once closed for shutdown, it starts no more.
/// </summary>
internal sealed class TransientSubscriptions(
    RunnerFactory runners,
    ISubscriptionOwnership ownership,
    DropNotifier drops,
    TimeProvider time,
    ILogger logger)
{
    private readonly SubscriptionRegistry<TransientSubscription> _running = new();

    /// <summary>True once this replica stops: a save is then refused, so its client asks another replica.</summary>
    public bool IsClosed => _running.IsClosed;

    public bool TryGet(SubscriptionKey key, [NotNullWhen(true)] out TransientSubscription? transient) => _running.TryGet(key, out transient);

    /// <summary>The transient subscriptions of <paramref name="store"/> as they are now.</summary>
    public IEnumerable<TransientSubscription> InStore(string store) => _running.Entries.Where(t => t.Definition.Store == store);

    /// <summary>
    /// Starts the subscription from <paramref name="checkpoint"/>; false when a concurrent save
    /// took the name first or this replica is stopping (<see cref="IsClosed"/>).
    /// </summary>
    public async Task<bool> TryStartAsync(SubscriptionDefinition definition, IReadOnlyDictionary<string, long> checkpoint, CancellationToken cancellationToken)
    {
        var transient = new TransientSubscription(runners.Create(definition, checkpoint, resumed: false, time.GetUtcNow()), RemoveOnRequestAsync);
        if (!_running.TryAdd(definition.Key, transient))
        {
            return false;
        }

        try
        {
            await transient.AttachAsync(await ownership.JoinAsync(definition.Key, transient, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch
        {
            _running.Remove(definition.Key, transient);
            throw;
        }

        transient.Start();
        _ = ForgetWhenClientGoneAsync(transient);
        logger.LogInformation("Transient subscription {Subscription} created ({Type} {Selector} → {Destination})",
            definition.Key, definition.Type, definition.Selector, definition.Destination);
        return true;
    }

    /// <summary>Ends the subscription for good and tells its client, unless it already ended.</summary>
    public async Task RemoveAsync(TransientSubscription transient)
    {
        if (_running.Remove(transient.Definition.Key, transient))
        {
            await transient.DisposeAsync().ConfigureAwait(false);
            await drops.SendAsync(transient.Definition, SubscriptionDropReason.Removed, "Removed by a client.").ConfigureAwait(false);
            logger.LogInformation("Transient subscription {Subscription} removed", transient.Definition.Key);
        }
    }

    /// <summary>Shutdown: ends every transient subscription and tells its client to subscribe again; starts none after.</summary>
    public Task CloseAsync() => Task.WhenAll(_running.Close().Select(EndForShutdownAsync));

    private async Task EndForShutdownAsync(TransientSubscription transient)
    {
        if (_running.Remove(transient.Definition.Key, transient))
        {
            await transient.DisposeAsync().ConfigureAwait(false);
            await drops.SendAsync(
                transient.Definition,
                SubscriptionDropReason.GatewayStopping,
                "The gateway replica holding this transient subscription is stopping; subscribe again.").ConfigureAwait(false);
        }
    }

    /// <summary>The client went away (the broker returned its events): nobody is left to tell.</summary>
    private async Task ForgetWhenClientGoneAsync(TransientSubscription transient)
    {
        if (await transient.Runner.Completion.ConfigureAwait(false) != RunnerExit.DestinationGone
            || !_running.Remove(transient.Definition.Key, transient))
        {
            return;
        }

        try
        {
            await transient.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Nobody awaits this; unlogged, a lease queue left behind would go unnoticed.
            logger.LogWarning(e, "Transient subscription {Subscription}: leaving its lease queue failed ({Problem})", transient.Definition.Key, e.Message);
        }
    }

    /// <summary>A removal that reached this replica through the lease queue; nobody awaits it, so failures are logged here.</summary>
    private async Task RemoveOnRequestAsync(TransientSubscription transient)
    {
        try
        {
            await RemoveAsync(transient).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Transient subscription {Subscription}: removing it failed ({Problem})", transient.Definition.Key, e.Message);
        }
    }
}
