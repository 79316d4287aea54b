using System.Collections.Concurrent;
using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Engine;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;
using EsdbGater.Host.Subscriptions.Selection;
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
/// when their destination disappears or this replica stops.
/// </remarks>
internal sealed class SubscriptionManager(
    RunnerFactory runners,
    ISubscriptionOwnership ownership,
    ICheckpointStore checkpoints,
    IStoreReader reader,
    SubscriptionRequestValidator validator,
    IOptions<SubscriptionOptions> options,
    TimeProvider time,
    ILogger logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<SubscriptionKey, PersistentMembership> _persistent = new();
    private readonly ConcurrentDictionary<SubscriptionKey, TransientSubscription> _transient = new();
    private readonly ConcurrentDictionary<string, bool> _stores = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _membershipGate = new(1, 1);
    private int _stopping;

    private SubscriptionOptions Options => options.Value;

    /// <summary>Stores whose stored subscriptions this replica watches (besides those it learns of from requests).</summary>
    public void Watch(IEnumerable<string> stores)
    {
        foreach (var store in stores)
        {
            _stores.TryAdd(store, true);
        }
    }

    /// <summary><see cref="SubscriptionSaved"/> or <see cref="GatewayError"/>.</summary>
    public async Task<object> SaveAsync(SaveSubscription request, CancellationToken cancellationToken)
    {
        if (validator.Validate(request) is { } invalid)
        {
            return invalid;
        }

        var definition = validator.ToDefinition(request);
        _stores.TryAdd(definition.Store, true);
        return definition.IsPersistent
            ? await SavePersistentAsync(definition, request.StartFrom, cancellationToken).ConfigureAwait(false)
            : await SaveTransientAsync(definition, request.StartFrom, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><see cref="SubscriptionRemoved"/>, <see cref="SubscriptionNotFound"/> or <see cref="GatewayError"/>.</summary>
    public async Task<object> RemoveAsync(RemoveSubscription request, CancellationToken cancellationToken)
    {
        if (validator.Validate(request) is { } invalid)
        {
            return invalid;
        }

        var key = new SubscriptionKey(request.Store, request.Name);
        if (_transient.TryGetValue(key, out var transient))
        {
            await RemoveTransientAsync(transient).ConfigureAwait(false);
            return new SubscriptionRemoved(request.Store, request.Name, OwnerStopped: true);
        }

        var record = await checkpoints.LoadAsync(key, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            await LeaveAsync(key).ConfigureAwait(false);

            // Perhaps a transient subscription of another replica: its lease queue reaches it.
            var elsewhere = await ownership.StopOwnerAsync(key, TransientProbeTimeout, cancellationToken).ConfigureAwait(false);
            return elsewhere
                ? new SubscriptionRemoved(request.Store, request.Name, OwnerStopped: true)
                : new SubscriptionNotFound(request.Store, request.Name);
        }

        // Stop the owner first, so nothing is delivered after the answer; then forget the record.
        bool ownerStopped;
        if (_persistent.TryGetValue(key, out var membership) && membership.IsOwner)
        {
            await membership.StopForRemovalAsync().ConfigureAwait(false);
            ownerStopped = true;
        }
        else
        {
            ownerStopped = await ownership.StopOwnerAsync(key, Options.RemoveOwnerTimeout, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            if (!await checkpoints.DeleteAsync(key, cancellationToken).ConfigureAwait(false))
            {
                logger.LogInformation("Subscription {Subscription}: already removed by someone else", key);
            }
        }
        catch (TimeoutException e)
        {
            return new GatewayError(GatewayErrorCode.Timeout, $"The removal was sent to ExESDB but the subscription could still be read ({e.Message}); remove it again.");
        }

        await LeaveAsync(key).ConfigureAwait(false);
        await SendDroppedAsync(record.Definition, SubscriptionDropReason.Removed, "Removed by a client.").ConfigureAwait(false);
        logger.LogInformation("Subscription {Subscription} removed (owner confirmed it stopped: {OwnerStopped})", key, ownerStopped);
        return new SubscriptionRemoved(request.Store, request.Name, ownerStopped);
    }

    /// <summary><see cref="EventAcknowledged"/>, <see cref="SubscriptionNotFound"/> or <see cref="GatewayError"/>.</summary>
    public async Task<object> AckAsync(AckEvent request, CancellationToken cancellationToken)
    {
        if (validator.Validate(request) is { } invalid)
        {
            return invalid;
        }

        var key = new SubscriptionKey(request.Store, request.SubscriptionName);
        var acknowledged = new EventAcknowledged(request.Store, request.SubscriptionName, request.StreamId, request.EventNumber);
        if (_transient.TryGetValue(key, out var transient))
        {
            if (NotClientAck(transient.Definition) is { } wrongMode)
            {
                return wrongMode;
            }

            transient.OnAck(request.StreamId, request.EventNumber);
            return acknowledged;
        }

        if (_persistent.TryGetValue(key, out var membership))
        {
            if (NotClientAck(membership.Definition) is { } wrongMode)
            {
                return wrongMode;
            }

            if (membership.IsOwner)
            {
                membership.OnAck(request.StreamId, request.EventNumber);
            }
            else
            {
                await ownership.ForwardAckAsync(key, request.StreamId, request.EventNumber, cancellationToken).ConfigureAwait(false);
            }

            return acknowledged;
        }

        var record = await checkpoints.LoadAsync(key, cancellationToken).ConfigureAwait(false);
        if (record is not null && NotClientAck(record.Definition) is { } mode)
        {
            return mode;
        }

        // A stored subscription owned elsewhere, or a transient one of another replica (which
        // this replica cannot see): its lease queue reaches the owner, if there is one.
        await ownership.ForwardAckAsync(key, request.StreamId, request.EventNumber, cancellationToken).ConfigureAwait(false);
        return acknowledged;
    }

    /// <summary><see cref="SubscriptionsListed"/> or <see cref="GatewayError"/>.</summary>
    public async Task<object> ListAsync(GetSubscriptions request, CancellationToken cancellationToken)
    {
        if (validator.Validate(request) is { } invalid)
        {
            return invalid;
        }

        var records = await checkpoints.ListAsync(request.Store, cancellationToken).ConfigureAwait(false);
        var infos = new List<SubscriptionInfo>(records.Count + _transient.Count);
        foreach (var record in records)
        {
            var local = _persistent.TryGetValue(record.Definition.Key, out var membership) ? membership.LocalSnapshot : null;
            infos.Add(local is null
                ? Info(record.Definition, record.Checkpoint, Aged(record.Status))
                : Info(record.Definition, local.Checkpoint, local.Status));
        }

        // Subscriptions this replica runs whose record is gone (a node lost its store): reported, not hidden.
        foreach (var (key, membership) in _persistent.Where(p => p.Key.Store == request.Store && records.All(r => r.Definition.Key != p.Key)))
        {
            if (membership.LocalSnapshot is { } local)
            {
                infos.Add(Info(membership.Definition, local.Checkpoint, local.Status));
            }
        }

        foreach (var runner in _transient.Values.Select(t => t.Runner).Where(r => r.Definition.Store == request.Store))
        {
            infos.Add(Info(runner.Definition, runner.Snapshot.Checkpoint, runner.Snapshot.Status));
        }

        infos.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new SubscriptionsListed(request.Store, infos);
    }

    /// <summary>Joins stored subscriptions this replica does not know yet and leaves removed ones.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var store in _stores.Keys)
        {
            IReadOnlyList<SubscriptionRecord> records;
            try
            {
                records = await checkpoints.ListAsync(store, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogDebug("Listing the subscriptions of store {Store} failed ({Problem}); trying again later", store, e.Message);
                continue;
            }

            var stored = records.ToDictionary(r => r.Definition.Key);
            foreach (var record in records)
            {
                if (_persistent.TryGetValue(record.Definition.Key, out var known) && !SameSubscription(known.Definition, record.Definition))
                {
                    // Removed and created again with another definition: start over.
                    await LeaveAsync(record.Definition.Key).ConfigureAwait(false);
                }

                await JoinAsync(record.Definition, cancellationToken).ConfigureAwait(false);
            }

            foreach (var (key, membership) in _persistent.Where(p => p.Key.Store == store && !stored.ContainsKey(p.Key)).ToList())
            {
                // The owner's runner tells a removal from a node that lost its store (and the
                // record with it) by the stream versions; everyone else just leaves.
                if (!membership.IsDelivering && membership.LocalSnapshot?.Status.State != SubscriptionState.DataLoss)
                {
                    logger.LogInformation("Subscription {Subscription} no longer stored (removed); leaving it", key);
                    await LeaveAsync(key).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Shutdown: persistent subscriptions stop with a final checkpoint and are handed to another
    /// replica; transient ones end, and their clients are told to subscribe again.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            return;
        }

        var leaving = _persistent.Keys.Select(LeaveAsync).ToList();
        var ending = _transient.Values.Select(async transient =>
        {
            await transient.DisposeAsync().ConfigureAwait(false);
            await SendDroppedAsync(transient.Definition, SubscriptionDropReason.GatewayStopping, "The gateway replica holding this transient subscription is stopping; subscribe again.").ConfigureAwait(false);
        }).ToList();
        _transient.Clear();
        await Task.WhenAll(leaving.Concat(ending)).ConfigureAwait(false);
    }

    private async Task<object> SavePersistentAsync(SubscriptionDefinition definition, StartFrom? startFrom, CancellationToken cancellationToken)
    {
        if (_transient.ContainsKey(definition.Key))
        {
            return NameTaken(definition);
        }

        var existing = await checkpoints.LoadAsync(definition.Key, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            if (!SameSubscription(existing.Definition, definition))
            {
                return NameTaken(definition);
            }

            await JoinAsync(existing.Definition, cancellationToken).ConfigureAwait(false);
            return new SubscriptionSaved(definition.Store, definition.Name, Created: false);
        }

        var checkpoint = await InitialCheckpointAsync(definition, startFrom, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        try
        {
            await checkpoints.CreateAsync(new SubscriptionRecord(definition, checkpoint, RuntimeStatus.Unowned(now), now), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            return new GatewayError(GatewayErrorCode.Timeout, $"The subscription was sent to ExESDB but could not be read back in time ({e.Message}); save it again to find out.");
        }

        await JoinAsync(definition, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Subscription {Subscription} created ({Type} {Selector} → {Destination}, {Mode})",
            definition.Key, definition.Type, definition.Selector, definition.Destination, definition.CheckpointMode);
        return new SubscriptionSaved(definition.Store, definition.Name, Created: true);
    }

    private async Task<object> SaveTransientAsync(SubscriptionDefinition definition, StartFrom? startFrom, CancellationToken cancellationToken)
    {
        if (_transient.TryGetValue(definition.Key, out var running))
        {
            return SameSubscription(running.Definition, definition)
                ? new SubscriptionSaved(definition.Store, definition.Name, Created: false)
                : NameTaken(definition);
        }

        if (_persistent.ContainsKey(definition.Key) || await checkpoints.LoadAsync(definition.Key, cancellationToken).ConfigureAwait(false) is not null)
        {
            return NameTaken(definition);
        }

        var checkpoint = await InitialCheckpointAsync(definition, startFrom, cancellationToken).ConfigureAwait(false);
        var transient = new TransientSubscription(runners.Create(definition, checkpoint, resumed: false, time.GetUtcNow()), RemoveTransientAsync);
        if (!_transient.TryAdd(definition.Key, transient))
        {
            return NameTaken(definition);
        }

        try
        {
            transient.Attach(await ownership.JoinAsync(definition.Key, transient, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            _transient.TryRemove(new KeyValuePair<SubscriptionKey, TransientSubscription>(definition.Key, transient));
            throw;
        }

        transient.Runner.Start();
        _ = ForgetWhenEndedAsync(transient);
        logger.LogInformation("Transient subscription {Subscription} created ({Type} {Selector} → {Destination})",
            definition.Key, definition.Type, definition.Selector, definition.Destination);
        return new SubscriptionSaved(definition.Store, definition.Name, Created: true);
    }

    private async Task ForgetWhenEndedAsync(TransientSubscription transient)
    {
        if (await transient.Runner.Completion.ConfigureAwait(false) == RunnerExit.DestinationGone
            && _transient.TryRemove(new KeyValuePair<SubscriptionKey, TransientSubscription>(transient.Definition.Key, transient)))
        {
            await transient.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Ends a transient subscription of this replica for good, on a removal request from wherever it came.</summary>
    private async Task RemoveTransientAsync(TransientSubscription transient)
    {
        if (_transient.TryRemove(new KeyValuePair<SubscriptionKey, TransientSubscription>(transient.Definition.Key, transient)))
        {
            await transient.DisposeAsync().ConfigureAwait(false);
            await SendDroppedAsync(transient.Definition, SubscriptionDropReason.Removed, "Removed by a client.").ConfigureAwait(false);
            logger.LogInformation("Transient subscription {Subscription} removed", transient.Definition.Key);
        }
    }

    /// <summary>Where a new subscription starts, per stream (ExESDB has no global position).</summary>
    private async Task<IReadOnlyDictionary<string, long>> InitialCheckpointAsync(SubscriptionDefinition definition, StartFrom? startFrom, CancellationToken cancellationToken)
    {
        var checkpoint = new Dictionary<string, long>(StringComparer.Ordinal);
        switch (startFrom?.Kind ?? StartFromKind.Beginning)
        {
            case StartFromKind.After:
                foreach (var (stream, number) in startFrom!.After ?? new Dictionary<string, long>())
                {
                    if (number >= 0)
                    {
                        checkpoint[stream] = number;
                    }
                }

                break;
            case StartFromKind.End:
                var single = EventSelectors.Create(definition.Type, definition.Selector).SingleStream;
                var streams = single is null ? await reader.GetStreamsAsync(definition.Store, cancellationToken).ConfigureAwait(false) : [single];
                foreach (var stream in streams)
                {
                    var version = await reader.GetVersionAsync(definition.Store, stream, cancellationToken).ConfigureAwait(false);
                    if (version >= 0)
                    {
                        checkpoint[stream] = version;
                    }
                }

                break;
        }

        return checkpoint;
    }

    private async Task JoinAsync(SubscriptionDefinition definition, CancellationToken cancellationToken)
    {
        if (_persistent.ContainsKey(definition.Key) || Volatile.Read(ref _stopping) == 1)
        {
            return;
        }

        await _membershipGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_persistent.ContainsKey(definition.Key))
            {
                return;
            }

            var membership = new PersistentMembership(definition, runners, checkpoints, logger);
            _persistent[definition.Key] = membership;
            try
            {
                membership.Attach(await ownership.JoinAsync(definition.Key, membership, cancellationToken).ConfigureAwait(false));
            }
            catch
            {
                _persistent.TryRemove(definition.Key, out _);
                throw;
            }
        }
        finally
        {
            _membershipGate.Release();
        }
    }

    private async Task LeaveAsync(SubscriptionKey key)
    {
        if (_persistent.TryRemove(key, out var membership))
        {
            await membership.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task SendDroppedAsync(SubscriptionDefinition definition, SubscriptionDropReason reason, string message)
    {
        var target = new DeliveryTarget(DestinationAddress.Resolve(definition.Destination, definition.Lifetime), definition.IsPersistent);
        using var timeout = new CancellationTokenSource(Options.SendTimeout, time);
        try
        {
            await runners.Dependencies.Delivery.SendAsync(
                target,
                new SubscriptionDropped(definition.Name, definition.Store, reason, message, time.GetUtcNow()),
                timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The destination may be gone (that is often why a transient subscription ends).
            logger.LogDebug("Subscription {Subscription}: could not tell the destination it was dropped ({Problem})", definition.Key, e.Message);
        }
    }

    /// <summary>How long a removal waits for another replica's transient subscription to answer before it is not found.</summary>
    private TimeSpan TransientProbeTimeout => Options.RemoveOwnerTimeout < TimeSpan.FromSeconds(2) ? Options.RemoveOwnerTimeout : TimeSpan.FromSeconds(2);

    /// <summary>A stored status older than this was not refreshed by a live owner.</summary>
    private TimeSpan StaleAfter => (Options.CheckpointInterval * 20) + Options.LeaseTimeout;

    private RuntimeStatus Aged(RuntimeStatus status) =>
        status.Owner is not null && status.State != SubscriptionState.DataLoss && time.GetUtcNow() - status.UpdatedAt > StaleAfter
            ? status with { Owner = null, State = SubscriptionState.Unowned }
            : status;

    private static SubscriptionInfo Info(SubscriptionDefinition d, IReadOnlyDictionary<string, long> checkpoint, RuntimeStatus s) =>
        new(d.Name, d.Type, d.Selector, d.Destination, d.Lifetime, d.CheckpointMode, s.Owner, s.State, s.LiveFeed, checkpoint, s.Lag, s.InFlight, s.LastError, s.UpdatedAt);

    /// <summary>Equal apart from the in-flight window, which a later save may not change.</summary>
    private static bool SameSubscription(SubscriptionDefinition a, SubscriptionDefinition b) => a with { MaxInFlight = b.MaxInFlight } == b;

    private static GatewayError NameTaken(SubscriptionDefinition d) =>
        new(GatewayErrorCode.InvalidRequest, $"Name: subscription '{d.Name}' of store '{d.Store}' exists with a different definition (or lifetime); remove it first or choose another name.", "Name");

    private static GatewayError? NotClientAck(SubscriptionDefinition d) =>
        d.CheckpointMode == CheckpointMode.ClientAck
            ? null
            : new GatewayError(GatewayErrorCode.InvalidRequest, $"SubscriptionName: subscription '{d.Name}' checkpoints on broker confirmation; it takes no acknowledgements.", "SubscriptionName");
}
