namespace EsdbGater.Host.Cluster;

/// <summary>The gateway's connection to one node.</summary>
internal enum NodeLinkState
{
    /// <summary>Known from discovery; no connection yet, or between attempts.</summary>
    Connecting,

    /// <summary>Connected; its workers may serve requests.</summary>
    Connected,

    /// <summary>Was connected or failed to connect; the monitor retries with back-off.</summary>
    Disconnected,
}
