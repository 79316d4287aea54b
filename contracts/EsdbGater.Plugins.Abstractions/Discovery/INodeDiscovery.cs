namespace EsdbGater.Plugins.Discovery;

/// <summary>
/// Tells the host which ExESDB nodes exist. Immutable snapshots plus a stream of them, so the
/// cluster monitor reconciles against a whole view instead of replaying deltas.
/// </summary>
public interface INodeDiscovery : IAsyncDisposable
{
    /// <summary>The latest view; empty before discovery has started.</summary>
    DiscoverySnapshot Current { get; }

    /// <summary>Starts whatever the discovery needs (sockets, configuration watches).</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The current snapshot, then every later one, until <paramref name="cancellationToken"/>
    /// fires or the discovery is disposed. Slow readers see the latest view, not every step.
    /// </summary>
    IAsyncEnumerable<DiscoverySnapshot> WatchAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Feedback from the host: whether connecting to a node worked. Gossip uses it to back off
    /// from nodes it cannot reach (another cookie, say) and to expire nodes that went quiet.
    /// </summary>
    void ReportConnectionState(string nodeName, NodeConnectionState state);
}

/// <summary>Connection feedback from the host to discovery.</summary>
public enum NodeConnectionState
{
    Connected,
    ConnectFailed,
    Disconnected,
}
