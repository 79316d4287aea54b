using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Seams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Subscriptions.Management;

/// <summary>
/// The subscriptions of this replica: answers the subscription requests, competes for every
/// stored persistent subscription (so that exactly one replica delivers each), and runs the
/// transient subscriptions it accepted.
/// </summary>
/// <remarks>
/// Persistent subscriptions are found by listing the stored records of the known stores every
/// <see cref="SubscriptionOptions.RegistryRefreshInterval"/> (and at once after a local save):
/// a new record is joined, a vanished one left. Transient subscriptions live only here: they end
/// when their destination disappears or this replica stops. Each request is answered by its own
/// part; they share this replica's <see cref="PersistentMemberships"/> and
/// <see cref="TransientSubscriptions"/>.
/// </remarks>
internal sealed class SubscriptionManager : IAsyncDisposable
{
    private readonly PersistentMemberships _memberships;
    private readonly TransientSubscriptions _transients;
    private readonly StoredSubscriptionSync _stored;
    private readonly SubscriptionSaver _saver;
    private readonly SubscriptionRemover _remover;
    private readonly AckRouter _acks;
    private readonly SubscriptionListing _listing;

    public SubscriptionManager(
        RunnerFactory runners,
        ISubscriptionOwnership ownership,
        ICheckpointStore checkpoints,
        IStoreReader reader,
        SubscriptionRequestValidator validator,
        IOptions<SubscriptionOptions> options,
        TimeProvider time,
        ILogger logger)
    {
        var drops = new DropNotifier(runners.Dependencies.Delivery, options, time, logger);
        _memberships = new PersistentMemberships(runners, ownership, checkpoints, logger);
        _transients = new TransientSubscriptions(runners, ownership, drops, time, logger);
        _stored = new StoredSubscriptionSync(checkpoints, _memberships, logger);
        _saver = new SubscriptionSaver(validator, _stored, _memberships, _transients, checkpoints, new InitialCheckpoint(reader), time, logger);
        _remover = new SubscriptionRemover(validator, _memberships, _transients, checkpoints, ownership, drops, options, logger);
        _acks = new AckRouter(validator, _memberships, _transients, checkpoints, ownership);
        _listing = new SubscriptionListing(validator, checkpoints, _memberships, _transients, options, time);
    }

    /// <summary>Stores whose stored subscriptions this replica watches (besides those it learns of from requests).</summary>
    public void Watch(IEnumerable<string> stores)
    {
        foreach (var store in stores)
        {
            _stored.Watch(store);
        }
    }

    /// <summary><see cref="SubscriptionSaved"/> or <see cref="GatewayError"/>.</summary>
    public Task<object> SaveAsync(SaveSubscription request, CancellationToken cancellationToken) => _saver.SaveAsync(request, cancellationToken);

    /// <summary><see cref="SubscriptionRemoved"/>, <see cref="SubscriptionNotFound"/> or <see cref="GatewayError"/>.</summary>
    public Task<object> RemoveAsync(RemoveSubscription request, CancellationToken cancellationToken) => _remover.RemoveAsync(request, cancellationToken);

    /// <summary><see cref="EventAcknowledged"/>, <see cref="SubscriptionNotFound"/> or <see cref="GatewayError"/>.</summary>
    public Task<object> AckAsync(AckEvent request, CancellationToken cancellationToken) => _acks.AckAsync(request, cancellationToken);

    /// <summary><see cref="SubscriptionsListed"/> or <see cref="GatewayError"/>.</summary>
    public Task<object> ListAsync(GetSubscriptions request, CancellationToken cancellationToken) => _listing.ListAsync(request, cancellationToken);

    /// <summary>Joins stored subscriptions this replica does not know yet and leaves removed ones.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => _stored.RefreshAsync(cancellationToken);

    /// <summary>
    /// Shutdown: persistent subscriptions stop with a final checkpoint and are handed to another
    /// replica; transient ones end, and their clients are told to subscribe again. Requests still
    /// arriving afterwards start nothing here. Later calls do nothing.
    /// </summary>
    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(_memberships.CloseAsync(), _transients.CloseAsync()).ConfigureAwait(false);
}
