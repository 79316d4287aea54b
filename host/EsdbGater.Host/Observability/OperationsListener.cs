using EsdbGater.Host.Configuration;
using EsdbGater.Host.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace EsdbGater.Host.Observability;

/// <summary>
/// The opt-in operations endpoint (<see cref="HttpEndpointOptions"/>): a small Kestrel server inside
/// the gateway process, beside (not instead of) the generic host. It serves
/// <list type="bullet">
/// <item><c>/health/live</c>: 200 while the process serves HTTP (checks tagged <c>live</c>, none today);</item>
/// <item><c>/health/ready</c>: 200 when the checks tagged <c>ready</c> pass (a connected node runs
/// workers for the stores, and the bus is started), else 503;</item>
/// <item><c>/metrics</c>: the Prometheus text format, when metrics are collected (<see cref="ObservabilityServices"/>).</item>
/// </list>
/// It is registered first, so it answers while the rest starts (ready: 503) and stops last.
/// </summary>
internal sealed partial class OperationsListener(
    IOptions<HttpEndpointOptions> options,
    HealthCheckService health,
    HealthResponseWriter writer,
    IServiceProvider services,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string MetricsPath = "/metrics";
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    private readonly ILogger _logger = loggers.CreateLogger(LogComponent.System);
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsEnabled)
        {
            return;
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().UseUrls(options.Value.Url!.Trim());
        builder.Services.AddSingleton(loggers); // Kestrel logs through the gateway's Serilog
        var app = builder.Build();
        app.Map(LivePath, live => live.Run(context => RespondAsync(context, LiveTag)));
        app.Map(ReadyPath, ready => ready.Run(context => RespondAsync(context, ReadyTag)));
        var meterProvider = services.GetService<MeterProvider>();
        if (meterProvider is not null)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider, predicate: null, MetricsPath, configureBranchedPipeline: null, optionsName: null);
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        LogListening(string.Join(", ", addresses), meterProvider is null ? "" : ", " + MetricsPath);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _app, null) is { } app)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RespondAsync(HttpContext context, string tag)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(tag), context.RequestAborted).ConfigureAwait(false);
        await writer.WriteAsync(context, report).ConfigureAwait(false);
    }

    [LoggerMessage(1, LogLevel.Information, "Operations endpoint on {Addresses}: " + LivePath + ", " + ReadyPath + "{Metrics}")]
    private partial void LogListening(string addresses, string metrics);
}
