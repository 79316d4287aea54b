namespace EsdbGater.Host.Configuration;

/// <summary>
/// The operations listener (section <c>Gateway:Http</c>, or <c>EX_ESDB_GATER_HTTP_URL</c> as
/// <see cref="Url"/>): health probes and Prometheus metrics over plain HTTP, inside the gateway
/// process. Off unless <see cref="Url"/> is set.
/// </summary>
internal sealed class HttpEndpointOptions
{
    public const string Section = "Gateway:Http";

    /// <summary>
    /// Where to listen, e.g. <c>http://0.0.0.0:9464</c> (every interface) or <c>http://127.0.0.1:9464</c>;
    /// empty or absent: no listener. Plain HTTP only: probes and scrapers stay inside the cluster network.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>True when <see cref="Url"/> asks for a listener.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(Url);
}
