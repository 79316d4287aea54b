namespace EsdbGater.Host.Subscriptions;

/// <summary>How subscriptions are delivered (section <c>Subscriptions</c>).</summary>
internal sealed class SubscriptionOptions
{
    public const string Section = "Subscriptions";

    /// <summary>
    /// When no emitter pool broadcasts a store's events (a real ExESDB 0.11 node starts none after
    /// a normal start), start ExESDB's built-in <c>all-events</c> pool through <c>rex</c>. Off by
    /// default: it changes the ExESDB node. Delivery never depends on it (the gateway polls).
    /// </summary>
    public bool RepairEmitters { get; set; }

    /// <summary>How long to wait after one repair attempt before the next while the pool is still missing.</summary>
    public TimeSpan RepairInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Events sent but not yet confirmed (or acknowledged) per subscription, when the subscription names none.</summary>
    public int DefaultMaxInFlight { get; set; } = 256;

    /// <summary>The most a subscription may ask for in <c>MaxInFlight</c>.</summary>
    public int MaxInFlightLimit { get; set; } = 4096;

    /// <summary>
    /// Live events buffered per subscription between the feed and delivery. When a slow
    /// destination lets it fill, the buffer is dropped and the subscription reads from its
    /// position instead (memory stays bounded; nothing is lost).
    /// </summary>
    public int LiveBufferSize { get; set; } = 1024;

    /// <summary>Events per <c>get_events</c> call while catching up.</summary>
    public int ReadPageSize { get; set; } = 200;

    /// <summary>Shortest interval between polls while no live feed delivers (after a poll that found events).</summary>
    public TimeSpan PollMinInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest interval between polls: an idle poll doubles the interval up to this.</summary>
    public TimeSpan PollMaxInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The most version calls one subscription's polling makes per second on average: a sweep of
    /// a <c>$all</c> subscription asks every stream's version, so with many streams sweeps are
    /// spaced further apart than <see cref="PollMaxInterval"/> (1 000 streams at 200/s: every 5 s).
    /// </summary>
    public int PollCallsPerSecond { get; set; } = 200;

    /// <summary>
    /// While the live feed delivers, a full version check of the selected streams this often:
    /// finds events a broadcast missed (ExESDB drops events while no emitter runs) and data loss.
    /// </summary>
    public TimeSpan SafetySweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a persistent subscription's checkpoint is written when it moved.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First delay after a failed delivery or read; doubles up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryMinDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between retries.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A stream version below what was already delivered is checked again after this delay
    /// before it is declared data loss (a lagging cluster member can answer low for a moment).
    /// </summary>
    public TimeSpan DataLossConfirmDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a send may wait for the broker's confirmation before it counts as failed.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each replica tells the owner of each persistent subscription that it still holds the lease.</summary>
    public TimeSpan LeaseTickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An owner that received no lease tick for this long stops delivering (another replica took over).</summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each replica lists the stored subscriptions, to compete for new ones and drop removed ones.</summary>
    public TimeSpan RegistryRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long saving or removing waits to read its change back from ExESDB (its writes are unconfirmed casts).</summary>
    public TimeSpan StoreConfirmTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long <c>RemoveSubscription</c> waits for the owning replica to confirm it stopped.</summary>
    public TimeSpan RemoveOwnerTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
