using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Engine;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Subscriptions.Management;

/// <summary>
/// This replica's part in one persistent subscription: it competes for ownership and, while it
/// owns the subscription, runs it from the stored checkpoint. Ownership events arrive from the
/// broker's threads; a gate serialises them.
/// </summary>
internal sealed class PersistentMembership(
    SubscriptionDefinition definition,
    RunnerFactory runners,
    ICheckpointStore checkpoints,
    ILogger logger) : IOwnershipListener, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IAsyncDisposable? _claim;
    private SubscriptionRunner? _runner;
    private RunnerSnapshot? _stopped;
    private DateTimeOffset _heldForRemovalUntil = DateTimeOffset.MinValue;
    private bool _left;

    public SubscriptionDefinition Definition => definition;

    /// <summary>True while this replica holds the lease.</summary>
    public bool IsOwner { get; private set; }

    /// <summary>True while this replica runs the subscription (it then notices a removal or a lost store itself).</summary>
    public bool IsDelivering => IsOwner && _runner is { Completion.IsCompleted: false };

    /// <summary>What this replica knows first hand: the running subscription, or how it ended here. Null when it does not own it.</summary>
    public RunnerSnapshot? LocalSnapshot => IsOwner ? _runner?.Snapshot ?? _stopped : null;

    /// <summary>
    /// Keeps the claim on the lease queue until this replica leaves. A claim that arrives after it
    /// left (removed or shutting down while joining) is released at once: a replica left in the
    /// queue with nobody listening would hold the lease, and no replica would deliver.
    /// </summary>
    public async Task AttachAsync(IAsyncDisposable claim)
    {
        bool left;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            left = _left;
            if (!left)
            {
                _claim = claim;
            }
        }
        finally
        {
            _gate.Release();
        }

        if (left)
        {
            await claim.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async Task OnAcquiredAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_left || (IsOwner && !HasNothingToRun) || Now < _heldForRemovalUntil)
            {
                return;
            }

            var acquiredNow = !IsOwner;
            IsOwner = true;
            var record = await checkpoints.LoadAsync(definition.Key, CancellationToken.None).ConfigureAwait(false);
            if (record is null)
            {
                if (acquiredNow)
                {
                    logger.LogInformation("Subscription {Subscription}: owned, but its record is gone (removed)", definition.Key);
                }

                return;
            }

            if (record.Status.State == SubscriptionState.DataLoss)
            {
                // Stays stopped until an operator removes it; report what its last owner found.
                _stopped = new RunnerSnapshot(record.Checkpoint, record.Status with { Owner = runners.Dependencies.ReplicaId, UpdatedAt = runners.Dependencies.Time.GetUtcNow() });
                return;
            }

            var resumed = record.Checkpoint.Count > 0 || record.Status.Owner is not null;
            logger.LogInformation("Subscription {Subscription}: this replica owns it now; resuming from its checkpoint ({Streams} streams)",
                definition.Key, record.Checkpoint.Count);
            _runner = runners.Create(definition, record.Checkpoint, resumed, record.CreatedAt);
            _runner.Start();
            _ = WatchAsync(_runner);
        }
        catch (Exception e)
        {
            // Not started: the next lease renewal tries again.
            logger.LogWarning(e, "Subscription {Subscription}: could not start after acquiring it", definition.Key);
            IsOwner = false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task OnLostAsync() => StopAsync(flush: false, "its lease ran out (another replica owns it now)", forRemoval: false);

    public Task OnStopRequestedAsync() => StopForRemovalAsync();

    public void OnAck(string streamId, long eventNumber) => _runner?.Acknowledge(streamId, eventNumber);

    /// <summary>
    /// Stops delivering for a removal, by this replica or another. Renewals of the lease do not
    /// start it again until the remover had time to delete the record: a runner started in between
    /// would deliver after the removal was answered. Should the removal fail, delivery resumes then.
    /// </summary>
    public Task StopForRemovalAsync() => StopAsync(flush: false, "it is being removed", forRemoval: true);

    /// <summary>Leaves the competition: stops (writing the final checkpoint), then releases the lease to the next replica.</summary>
    public async ValueTask DisposeAsync()
    {
        IAsyncDisposable? claim;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _left = true;
            if (_runner is { } runner)
            {
                _runner = null;
                await runner.StopAsync(flush: true).ConfigureAwait(false);
            }

            IsOwner = false;
            claim = _claim;
            _claim = null;
        }
        finally
        {
            _gate.Release();
        }

        // Outside the gate: releasing the lease waits for its handlers, which may wait for the gate.
        if (claim is not null)
        {
            await claim.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task StopAsync(bool flush, string reason, bool forRemoval)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_runner is { } runner)
            {
                logger.LogInformation("Subscription {Subscription}: stopping here: {Reason}", definition.Key, reason);
                _runner = null;
                await runner.StopAsync(flush).ConfigureAwait(false);
            }

            IsOwner = false;
            _stopped = null;
            if (forRemoval)
            {
                _heldForRemovalUntil = Now + RemovalHold;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private DateTimeOffset Now => runners.Dependencies.Time.GetUtcNow();

    /// <summary>
    /// How long a remover may still be deleting after the owner stopped: the deletion shows
    /// within <see cref="SubscriptionOptions.StoreConfirmTimeout"/>; the margin covers its calls before that.
    /// </summary>
    private TimeSpan RemovalHold => runners.Dependencies.Options.StoreConfirmTimeout + runners.Dependencies.Options.RemoveOwnerTimeout;

    /// <summary>
    /// Owned, yet nothing runs: the record was gone when the lease came, or the runner found it
    /// removed. Each renewal looks again, as the subscription may have been saved again since:
    /// its registry refresh keeps an unchanged definition, so nothing else would restart it.
    /// </summary>
    private bool HasNothingToRun =>
        _stopped is null
        && (_runner is null || (_runner.Completion.IsCompletedSuccessfully && _runner.Completion.Result == RunnerExit.Removed));

    private async Task WatchAsync(SubscriptionRunner runner)
    {
        var exit = await runner.Completion.ConfigureAwait(false);
        if (exit is RunnerExit.DataLoss)
        {
            _stopped = runner.Snapshot;
        }
    }
}
