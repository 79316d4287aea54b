using EsdbGater.Contracts;
using EsdbGater.Host.Cluster;
using EsdbGater.Host.Logging;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Api;

/// <summary>Publishes <see cref="NodeUp"/> and <see cref="NodeDown"/> on the bus, without making the monitor wait for the broker.</summary>
internal sealed partial class BusClusterEventSink(IBus bus, ILoggerFactory loggers) : IClusterEventSink
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private readonly ILogger _logger = loggers.CreateLogger(LogComponent.ClusterMonitor);

    public void Publish(NodeUp nodeUp) => _ = PublishAsync(nodeUp);

    public void Publish(NodeDown nodeDown) => _ = PublishAsync(nodeDown);

    private async Task PublishAsync<T>(T message)
        where T : class
    {
        try
        {
            using var timeout = new CancellationTokenSource(PublishTimeout);
            await bus.Publish(message, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogPublishFailed(typeof(T).Name, e.Message);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Publishing {Event} failed: {Reason}")]
    private partial void LogPublishFailed(string @event, string reason);
}
