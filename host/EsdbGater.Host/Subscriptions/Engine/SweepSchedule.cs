using EsdbGater.Contracts;

namespace EsdbGater.Host.Subscriptions.Engine;

/// <summary>
/// When a subscription's next sweep is due. While no emitter broadcasts, sweeps are the poll:
/// the interval doubles after each sweep that found nothing, up to
/// <see cref="SubscriptionOptions.PollMaxInterval"/>. While the feed is live they are only a
/// safety check. Either way a sweep of N streams makes N version calls, so the next one waits
/// at least as long as <see cref="SubscriptionOptions.PollCallsPerSecond"/> allows.
/// </summary>
internal sealed class SweepSchedule(SubscriptionOptions options)
{
    private TimeSpan _pollInterval = options.PollMinInterval;
    private DateTimeOffset _lastSweepAt;
    private TimeSpan _sweepCost;

    public DateTimeOffset NextSweepAt(LiveFeedState feedState)
    {
        var interval = feedState == LiveFeedState.LiveViaPubSub ? options.SafetySweepInterval : _pollInterval;
        return _lastSweepAt + (interval > _sweepCost ? interval : _sweepCost);
    }

    /// <summary>Polls eagerly again: the feed changed, so appends may resume any moment.</summary>
    public void ResetPollInterval() => _pollInterval = options.PollMinInterval;

    /// <summary>Records a finished sweep: whether it found new events, and how many version calls it made.</summary>
    public void Swept(DateTimeOffset at, bool found, int calls)
    {
        _lastSweepAt = at;
        _sweepCost = TimeSpan.FromSeconds((double)calls / options.PollCallsPerSecond);
        _pollInterval = found ? options.PollMinInterval : Min(_pollInterval * 2, options.PollMaxInterval);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
