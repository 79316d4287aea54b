namespace EsdbGater.Host.Tests.Subscriptions.Fakes;

/// <summary>Lets a test await a condition over a fake's state: every change re-checks the waiters.</summary>
internal sealed class Changes
{
    private TaskCompletionSource _changed = NewSource();

    public void Notify() => Interlocked.Exchange(ref _changed, NewSource()).TrySetResult();

    /// <summary>Completes when <paramref name="condition"/> holds; fails the test after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (condition())
            {
                return;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException("Timed out waiting for: " + what);
            }

            await Task.WhenAny(changed, Task.Delay(left)).ConfigureAwait(false);
        }
    }

    /// <summary>Polls a condition nothing signals (e.g. a result computed on demand) until it holds or the deadline passes.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for: " + what);
            }

            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
