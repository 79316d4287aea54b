using System.Collections.Concurrent;

namespace EsdbGater.Host.Subscriptions.Engine;

/// <summary>
/// The runners delivering on this replica now, for read-only views (the subscription lag metric).
/// A runner joins when it starts and leaves when its loop ends; nothing here steers delivery.
/// </summary>
internal sealed class RunningSubscriptions
{
    private readonly ConcurrentDictionary<SubscriptionRunner, byte> _runners = new();

    /// <summary>The runners now; a snapshot safe to enumerate while runners come and go.</summary>
    public IEnumerable<SubscriptionRunner> Current => _runners.Keys;

    /// <summary>Lists a started <paramref name="runner"/> until its <see cref="SubscriptionRunner.Completion"/>.</summary>
    public void Track(SubscriptionRunner runner)
    {
        _runners.TryAdd(runner, 0);
        runner.Completion.ContinueWith(
            static (completion, state) =>
            {
                var (runners, ended) = ((ConcurrentDictionary<SubscriptionRunner, byte>, SubscriptionRunner))state!;
                runners.TryRemove(ended, out _);
            },
            (_runners, runner),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
