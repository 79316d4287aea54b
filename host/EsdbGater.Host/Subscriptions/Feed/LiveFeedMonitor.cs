using System.Collections.Concurrent;
using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Seams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Subscriptions.Feed;

/// <summary>
/// Decides, per store, how new events reach the subscriptions: through ExESDB's PubSub, or by
/// polling because no node broadcasts them. Never trusting PubSub alone is the point: a real
/// ExESDB 0.11 node starts no emitter pool after a normal start, so without this check a
/// subscription would wait for ever. When configured to, it repairs a missing pool through
/// <c>rex</c>, at most once per <see cref="SubscriptionOptions.RepairInterval"/>. Every change
/// is logged once per store.
/// </summary>
internal sealed class LiveFeedMonitor(
    ILiveFeedSource source,
    IOptions<SubscriptionOptions> options,
    TimeProvider time,
    ILogger logger)
{
    private readonly ConcurrentDictionary<string, StoreFeed> _stores = new(StringComparer.Ordinal);

    /// <summary>The store's feed state now; starts a repair when one is due.</summary>
    public LiveFeedState GetState(string store)
    {
        var feed = _stores.GetOrAdd(store, _ => new StoreFeed());
        var status = source.GetStatus(store);
        LiveFeedState state;
        lock (feed)
        {
            state = Decide(store, feed, status);
            if (state != feed.Last)
            {
                Report(store, feed.Last, state, status);
                feed.Last = state;
            }
        }

        return state;
    }

    private LiveFeedState Decide(string store, StoreFeed feed, StoreFeedStatus status)
    {
        if (status.ConnectedFeeds == 0)
        {
            return LiveFeedState.PollingNoFeed;
        }

        if (status.HasEmitters)
        {
            feed.RepairStartedAt = null;
            return LiveFeedState.LiveViaPubSub;
        }

        if (!options.Value.RepairEmitters)
        {
            return LiveFeedState.PollingNoEmitters;
        }

        var now = time.GetUtcNow();
        if (feed.RepairStartedAt is { } started && now - started < options.Value.RepairInterval)
        {
            return LiveFeedState.Repairing;
        }

        feed.RepairStartedAt = now;
        _ = RepairAsync(store);
        return LiveFeedState.Repairing;
    }

    private async Task RepairAsync(string store)
    {
        logger.LogWarning(
            "Store {Store}: no emitter pool broadcasts its events; starting ExESDB's all-events pool through rex (Subscriptions:RepairEmitters)",
            store);
        try
        {
            await source.RepairEmittersAsync(store, CancellationToken.None).ConfigureAwait(false);
            logger.LogInformation("Store {Store}: emitter pool start requested; subscriptions keep polling until its pg group appears", store);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Store {Store}: starting the emitter pool failed; subscriptions keep polling", store);
        }
    }

    private void Report(string store, LiveFeedState from, LiveFeedState to, StoreFeedStatus status)
    {
        switch (to)
        {
            case LiveFeedState.LiveViaPubSub:
                logger.LogInformation("Store {Store}: live events arrive through ExESDB's PubSub ({Feeds} node feeds)", store, status.ConnectedFeeds);
                break;
            case LiveFeedState.PollingNoEmitters:
                logger.LogWarning(
                    "Store {Store}: no node runs an emitter pool for \"$all\" (no pg group {{{Store}, \"$all\", emitters}}); subscriptions poll for new events. Set Subscriptions:RepairEmitters to start it",
                    store, store);
                break;
            case LiveFeedState.PollingNoFeed:
                logger.LogWarning("Store {Store}: no connected node offers the PubSub feed; subscriptions poll for new events", store);
                break;
            case LiveFeedState.Repairing when from != LiveFeedState.Repairing:
                break; // RepairAsync logs the attempt.
        }
    }

    private sealed class StoreFeed
    {
        public LiveFeedState Last { get; set; } = LiveFeedState.Unknown;

        public DateTimeOffset? RepairStartedAt { get; set; }
    }
}
