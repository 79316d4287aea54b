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
    string ReplicaId);
