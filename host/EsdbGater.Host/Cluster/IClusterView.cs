namespace EsdbGater.Host.Cluster;

/// <summary>
/// The cluster as the monitor sees it: the current snapshot plus notification of changes
/// (the Orleans membership style), so the pool reads a consistent view without locks.
/// </summary>
internal interface IClusterView
{
    ClusterSnapshot Current { get; }

    /// <summary>Completes when the view is newer than <paramref name="seen"/> (at once if it already is).</summary>
    Task WaitForChangeAsync(ClusterSnapshot seen, CancellationToken cancellationToken);

    /// <summary>The current snapshot, then each newer one; slow readers skip intermediate ones.</summary>
    IAsyncEnumerable<ClusterSnapshot> WatchAsync(CancellationToken cancellationToken);
}
