using EsdbGater.Host.Subscriptions.Feed;
using EsdbGater.Host.Subscriptions.Seams;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Subscriptions.Engine;

/// <summary>What every subscription runner of a replica shares.</summary>
internal sealed record RunnerDependencies(
    IStoreReader Reader,
    ILiveFeedSource Feed,
    LiveFeedMonitor FeedMonitor,
    ISubscriptionDelivery Delivery,
    ICheckpointStore Checkpoints,
    SubscriptionOptions Options,
    TimeProvider Time,
    ILogger Logger,
    string ReplicaId)
{
    /// <summary>Where started runners are listed for read-only views (metrics); none when null.</summary>
    public RunningSubscriptions? Running { get; init; }
}
