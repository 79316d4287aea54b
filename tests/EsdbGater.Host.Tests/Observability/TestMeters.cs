using System.Diagnostics.Metrics;
using EsdbGater.Host.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace EsdbGater.Host.Tests.Observability;

/// <summary>
/// A meter factory of the test's own, so collectors see only this test's measurements even while
/// other tests record on meters of the same name.
/// </summary>
internal sealed class TestMeters : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public IMeterFactory Factory => _services.GetRequiredService<IMeterFactory>();

    public GatewayMetrics Metrics() => new(Factory);

    /// <summary>Collects the measurements of one instrument of the gateway's meter from this factory.</summary>
    public MetricCollector<T> Collect<T>(string instrument)
        where T : struct => new(Factory, GatewayTelemetry.Name, instrument);

    /// <summary>An attribute, to match measurements' tags.</summary>
    public static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    public void Dispose() => _services.Dispose();
}
