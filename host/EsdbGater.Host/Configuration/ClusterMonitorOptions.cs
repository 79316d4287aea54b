namespace EsdbGater.Host.Configuration;

/// <summary>How the cluster monitor connects and refreshes (section <c>Cluster:Monitor</c>).</summary>
internal sealed class ClusterMonitorOptions
{
    public const string Section = "Cluster:Monitor";

    /// <summary>Deadline of one connection attempt (EPMD lookup and handshake).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline of one listing of a node's gateway workers.</summary>
    public TimeSpan ListWorkersTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often a connected node's workers are listed again.</summary>
    public TimeSpan WorkerRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often they are listed while the node has no worker of a configured store (workers start last on an ExESDB node).</summary>
    public TimeSpan MissingWorkersRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First delay after a failed connection; doubles per failure (with jitter) up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between connection attempts.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(10);
}
