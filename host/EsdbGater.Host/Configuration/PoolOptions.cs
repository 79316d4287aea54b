namespace EsdbGater.Host.Configuration;

/// <summary>Deadlines and waits of the worker pool (section <c>Gateway:Pool</c>).</summary>
internal sealed class PoolOptions
{
    public const string Section = "Gateway:Pool";

    /// <summary>Deadline of one append call to a node. Shorter than clients' request timeout (MassTransit's default is 30 s).</summary>
    public TimeSpan AppendTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline of one read call (events, version, streams, stores, snapshots).</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a request waits for a worker of its store to appear before NoWorkers.</summary>
    public TimeSpan NoWorkersWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Time kept free before the client's own request timeout (its message expiration): calls get
    /// at most the time left minus this margin, so the client hears the answer, not its timeout.
    /// </summary>
    public TimeSpan ClientTimeoutMargin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many events from the tail the gateway reads back to settle an append with an unknown outcome, beyond the appended ones.</summary>
    public int ReadBackWindow { get; set; } = 64;

    /// <summary>How long the gateway polls to confirm a snapshot cast (ExESDB does not confirm casts).</summary>
    public TimeSpan CastConfirmTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
