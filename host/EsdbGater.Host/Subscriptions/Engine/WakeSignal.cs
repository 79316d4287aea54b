using System.Threading.Channels;

namespace EsdbGater.Host.Subscriptions.Engine;

/// <summary>
/// Wakes a runner that waits for work: any number of <see cref="Set"/> calls before a wait
/// count as one, so producers never block and the runner never misses a wake-up.
/// </summary>
internal sealed class WakeSignal
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Set() => _signal.Writer.TryWrite(true);

    /// <summary>Waits until set or <paramref name="timeout"/> passed (infinite for <see cref="Timeout.InfiniteTimeSpan"/>).</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (_signal.Reader.TryRead(out _))
        {
            return;
        }

        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            return;
        }

        using var timer = timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(timeout, time);
        using var linked = timer is null
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);

        try
        {
            await _signal.Reader.WaitToReadAsync(linked.Token).ConfigureAwait(false);
            _signal.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The timeout passed.
        }
    }
}
