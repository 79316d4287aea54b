using System.Diagnostics.CodeAnalysis;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Subscriptions.Management;

/// <summary>
/// The persistent subscriptions this replica competes for, one <see cref="PersistentMembership"/>
/// each. Once closed for shutdown it joins nothing more.
/// </summary>
internal sealed class PersistentMemberships(RunnerFactory runners, ISubscriptionOwnership ownership, ICheckpointStore checkpoints, ILogger logger)
{
    private readonly SubscriptionRegistry<PersistentMembership> _members = new();

    // One join at a time, so that a subscription saved and found by a refresh at once is joined once.
    private readonly SemaphoreSlim _joinGate = new(1, 1);

    public bool TryGet(SubscriptionKey key, [NotNullWhen(true)] out PersistentMembership? membership) => _members.TryGet(key, out membership);

    public bool Contains(SubscriptionKey key) => _members.Contains(key);

    /// <summary>The memberships of <paramref name="store"/> as they are now.</summary>
    public IEnumerable<PersistentMembership> InStore(string store) => _members.Entries.Where(m => m.Definition.Store == store);

    /// <summary>Competes for the subscription, unless this replica already does or is stopping.</summary>
    public async Task JoinAsync(SubscriptionDefinition definition, CancellationToken cancellationToken)
    {
        if (_members.Contains(definition.Key) || _members.IsClosed)
        {
            return;
        }

        await _joinGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var membership = new PersistentMembership(definition, runners, checkpoints, logger);
            if (!_members.TryAdd(definition.Key, membership))
            {
                return;
            }

            try
            {
                await membership.AttachAsync(await ownership.JoinAsync(definition.Key, membership, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            }
            catch
            {
                // Forgotten here, so nothing else would ever stop what it may have started.
                _members.Remove(definition.Key, membership);
                await membership.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _joinGate.Release();
        }
    }

    /// <summary>Stops competing: a running subscription writes its final checkpoint and is handed to the next replica.</summary>
    public async Task LeaveAsync(SubscriptionKey key)
    {
        if (_members.TryRemove(key, out var membership))
        {
            await membership.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Shutdown: leaves every subscription and joins none after.</summary>
    public Task CloseAsync() => Task.WhenAll(_members.Close().Select(HandOverAsync));

    private async Task HandOverAsync(PersistentMembership membership)
    {
        if (_members.Remove(membership.Definition.Key, membership))
        {
            await membership.DisposeAsync().ConfigureAwait(false);
        }
    }
}
