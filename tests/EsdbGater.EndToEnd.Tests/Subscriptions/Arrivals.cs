using System.Collections.Concurrent;

namespace EsdbGater.EndToEnd.Tests.Subscriptions;

/// <summary>Messages a test's endpoint received, in order, with a wait that wakes on each arrival.</summary>
internal sealed class Arrivals<T>
{
    private readonly ConcurrentQueue<T> _items = new();
    private TaskCompletionSource _arrived = NewSource();

    public IReadOnlyList<T> Items => _items.ToList();

    public Task Add(T item)
    {
        _items.Enqueue(item);
        Interlocked.Exchange(ref _arrived, NewSource()).TrySetResult();
        return Task.CompletedTask;
    }

    public async Task WaitUntilAsync(Func<IReadOnlyList<T>, bool> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var arrived = Volatile.Read(ref _arrived).Task;
            if (condition(Items))
            {
                return;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Timed out waiting for {what} ({_items.Count} received)");
            }

            await Task.WhenAny(arrived, Task.Delay(left));
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
