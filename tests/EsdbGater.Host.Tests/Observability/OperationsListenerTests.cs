using System.Net;
using System.Text.Json;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Observability;
using EsdbGater.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace EsdbGater.Host.Tests.Observability;

/// <summary>The operations endpoint served by real Kestrel on a loopback port, over switchable health checks.</summary>
public sealed class OperationsListenerTests : IAsyncLifetime
{
    private const string Secret = "cookie-value-5d1e";
    private readonly Uri _url = new($"http://127.0.0.1:{LocalPorts.Next()}");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private HealthCheckResult _ready = HealthCheckResult.Unhealthy("Not ready: not started");
    private ServiceProvider _services = null!;
    private IHostedService _listener = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddMetrics()
            .AddSingleton(Options.Create(new HttpEndpointOptions { Url = _url.ToString() }))
            .AddSingleton(new SecretRedactor([Secret]))
            .AddSingleton<HealthResponseWriter>()
            .AddSingleton<GatewayMetrics>()
            .AddSingleton<OperationsListener>();
        services.AddHealthChecks()
            .AddCheck("switch", () => _ready, tags: [OperationsListener.ReadyTag])
            .AddCheck("always", () => HealthCheckResult.Healthy($"leaks {Secret}?"), tags: [OperationsListener.ReadyTag]);
        services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(GatewayTelemetry.Name).AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        _services = services.BuildServiceProvider();
        _listener = _services.GetRequiredService<OperationsListener>();
        await _listener.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _listener.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task Live_answers_200_whatever_the_ready_checks_say()
    {
        var (status, body) = await GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_is_503_until_every_ready_check_passes_and_names_each_check()
    {
        var (before, notReady) = await GetAsync("/health/ready");
        _ready = HealthCheckResult.Degraded("Serving; not connected to: b@host.");
        var (degraded, _) = await GetAsync("/health/ready");
        _ready = HealthCheckResult.Healthy("Serving reg_gh on 3 node(s).");
        var (after, ready) = await GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before);
        Assert.Equal("Unhealthy", notReady.RootElement.GetProperty("status").GetString());
        Assert.Equal("Not ready: not started", notReady.RootElement.GetProperty("checks").GetProperty("switch").GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, degraded); // degraded still serves
        Assert.Equal(HttpStatusCode.OK, after);
        Assert.Equal("Healthy", ready.RootElement.GetProperty("checks").GetProperty("switch").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Secrets_in_a_check_description_are_masked()
    {
        using var response = await _http.GetAsync(new Uri(_url, "/health/ready")); // 503: the switch is off
        var body = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain(Secret, body);
        Assert.Contains("leaks ***?", body);
    }

    [Fact]
    public async Task Metrics_are_served_in_the_Prometheus_text_format_with_their_tags()
    {
        _services.GetRequiredService<GatewayMetrics>().RequestHandled("get-version", RequestOutcome.Ok, TimeSpan.FromMilliseconds(3));

        using var response = await _http.GetAsync(new Uri(_url, "/metrics"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE esdbgater_requests_total counter", text);
        Assert.Matches("""(?m)^esdbgater_requests_total\{[^}]*esdbgater_operation="get-version"[^}]*esdbgater_outcome="ok"[^}]*\} 1( |$)""", text);
        Assert.Matches("""(?m)^esdbgater_request_duration_seconds_bucket\{[^}]*esdbgater_operation="get-version"[^}]*le="0.005"[^}]*\} 1( |$)""", text);
    }

    [Fact]
    public async Task Other_paths_are_not_found()
    {
        using var response = await _http.GetAsync(new Uri(_url, "/"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<(HttpStatusCode Status, JsonDocument Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(_url, path));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
    }
}

/// <summary>The listener stays off without a URL: nothing binds.</summary>
public sealed class OperationsListenerOffTests
{
    [Fact]
    public async Task Without_a_url_nothing_listens()
    {
        var port = LocalPorts.Next();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(Options.Create(new HttpEndpointOptions()))
            .AddSingleton(new SecretRedactor([]))
            .AddSingleton<HealthResponseWriter>()
            .AddSingleton<OperationsListener>()
            .AddHealthChecks().Services
            .BuildServiceProvider();
        var listener = services.GetRequiredService<OperationsListener>();

        await listener.StartAsync(CancellationToken.None);

        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port);
        probe.Start(); // would throw had the listener bound the port; it binds none
        probe.Stop();
        await listener.StopAsync(CancellationToken.None);
    }
}
