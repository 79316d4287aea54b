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

    public void Attach(IAsyncDisposable lease) => _lease = lease;

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
        if (_lease is { } lease)
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }
    }
}
