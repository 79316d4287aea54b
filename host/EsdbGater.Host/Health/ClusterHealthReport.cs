namespace EsdbGater.Host.Health;

/// <summary>The outcome of <see cref="ClusterHealth.Evaluate"/>.</summary>
internal sealed record ClusterHealthReport(ClusterHealthStatus Status, string Description);

/// <summary>Health of the gateway's view of the cluster.</summary>
internal enum ClusterHealthStatus
{
    Unhealthy,
    Degraded,
    Healthy,
}
