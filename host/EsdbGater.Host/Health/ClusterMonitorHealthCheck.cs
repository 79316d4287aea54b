using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EsdbGater.Host.Health;

/// <summary>The cluster monitor's part of the gateway's health (MassTransit contributes the bus's).</summary>
internal sealed class ClusterMonitorHealthCheck(ClusterHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = health.Evaluate();
        return Task.FromResult(report.Status switch
        {
            ClusterHealthStatus.Healthy => HealthCheckResult.Healthy(report.Description),
            ClusterHealthStatus.Degraded => HealthCheckResult.Degraded(report.Description),
            _ => new HealthCheckResult(context.Registration.FailureStatus, report.Description),
        });
    }
}
