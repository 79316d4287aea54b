using System.Net;

namespace EsdbGater.TestKit.Gateway;

/// <summary>
/// A gateway process's operations endpoint (health probes and Prometheus metrics) on a free
/// loopback port: add it to the environment before <see cref="GatewayProcess.StartAsync"/>, then read it.
/// <code>
/// using var operations = GatewayOperationsEndpoint.OnFreePort();
/// operations.AddTo(environment);
/// await using var gateway = await GatewayProcess.StartAsync(environment, TimeSpan.FromSeconds(90));
/// var (status, body) = await operations.GetAsync(GatewayOperationsEndpoint.ReadyPath);
/// </code>
/// </summary>
public sealed class GatewayOperationsEndpoint : IDisposable
{
    /// <summary>The gateway's seed-style variable for the listener's URL.</summary>
    public const string UrlVariable = "EX_ESDB_GATER_HTTP_URL";

    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string MetricsPath = "/metrics";

    private readonly HttpClient _http;

    public GatewayOperationsEndpoint(int port)
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        _http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The listener's address: loopback only.</summary>
    public Uri BaseAddress { get; }

    /// <summary>An endpoint on a port nothing listens on now (<see cref="LocalPorts.Next"/>).</summary>
    public static GatewayOperationsEndpoint OnFreePort() => new(LocalPorts.Next());

    /// <summary>Tells the gateway to listen here.</summary>
    public void AddTo(IDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment[UrlVariable] = BaseAddress.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>The status and body of a GET; any status, no exception for 503.</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
    }

    public void Dispose() => _http.Dispose();
}
