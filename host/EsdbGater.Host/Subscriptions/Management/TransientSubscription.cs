using EsdbGater.Host.Subscriptions.Engine;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;

namespace EsdbGater.Host.Subscriptions.Management;

/// <summary>
/// A transient subscription, run by the replica that accepted it. It still joins its lease
/// queue (alone), so that a removal or an acknowledgement that reaches another replica is handed
/// to this one.
/// </summary>
internal sealed class TransientSubscription(SubscriptionRunner runner, Func<TransientSubscription, Task> removed) : IOwnershipListener, IAsyncDisposable
{
    private IAsyncDisposable? _lease;
    private int _ended;

    public SubscriptionRunner Runner => runner;

    public SubscriptionDefinition Definition => runner.Definition;

    /// <summary>Keeps the lease queue membership until the end; one that arrives after the end is left at once.</summary>
    public async Task AttachAsync(IAsyncDisposable lease)
    {
        // Full fences on both sides: of this and a concurrent end, exactly one takes the lease.
        Interlocked.Exchange(ref _lease, lease);
        if (Volatile.Read(ref _ended) == 1 && Interlocked.Exchange(ref _lease, null) is { } late)
        {
            await late.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Starts delivering, unless it already ended.</summary>
    public void Start()
    {
        if (Volatile.Read(ref _ended) == 0)
        {
            runner.Start();
        }
    }

    public Task OnAcquiredAsync() => Task.CompletedTask;

    /// <summary>Nothing to hand over: a transient subscription lives and dies with this replica.</summary>
    public Task OnLostAsync() => Task.CompletedTask;

    public async Task OnStopRequestedAsync()
    {
        await runner.StopAsync(flush: false).ConfigureAwait(false);

        // Leaving the lease queue waits for its handlers, and this runs in one: leave afterwards.
        _ = Task.Run(() => removed(this));
    }

    public void OnAck(string streamId, long eventNumber) => runner.Acknowledge(streamId, eventNumber);

    /// <summary>Stops delivering and leaves the lease queue; later calls do nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1)
        {
            return;
        }

        await runner.StopAsync(flush: false).ConfigureAwait(false);
        if (Interlocked.Exchange(ref _lease, null) is { } lease)
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }
    }
}
