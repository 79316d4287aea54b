using EsdbGater.Host.Configuration;
using EsdbGater.Host.Health;
using EsdbGater.Host.Logging;
using EsdbGater.Plugins.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Hosting;

/// <summary>
/// Logs the line scripts and test fixtures wait for, <c>EsdbGater ready</c>, once the bus has
/// started (it is registered after MassTransit, whose start it waits for). It says nothing of
/// the cluster: ask <c>GetClusterStatus</c> for that.
/// </summary>
internal sealed partial class ReadinessReporter(
    INodeTransport transport,
    IOptions<RabbitMqOptions> rabbit,
    IOptions<BusOptions> bus,
    ClusterHealth health,
    ILoggerFactory loggers) : IHostedService
{
    public const string ReadyMessage = "EsdbGater ready";

    private readonly ILogger _logger = loggers.CreateLogger(LogComponent.System);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogReady(transport.LocalNodeName, rabbit.Value.Resolve().ToString(), bus.Value.EndpointPrefix, health.Evaluate().Description);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Information, ReadyMessage + ": node {GatewayNode}, bus {Broker}, queues {Prefix}.*; cluster: {Cluster}")]
    private partial void LogReady(string gatewayNode, string broker, string prefix, string cluster);
}
