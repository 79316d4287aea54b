using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using EsdbGater.Contracts;
using EsdbGater.EndToEnd.Tests.Fixtures;
using EsdbGater.TestKit.Gateway;

namespace EsdbGater.EndToEnd.Tests;

/// <summary>The gateway process's operations endpoint, as a probe and a Prometheus scraper see it.</summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class HealthAndMetricsTests(EndToEndFixture fixture)
{
    private const string Store = EndToEndFixture.Store;

    [Fact]
    public async Task Live_and_ready_answer_200_while_the_cluster_is_connected_and_name_no_secret()
    {
        var (liveStatus, _) = await fixture.Operations.GetAsync(GatewayOperationsEndpoint.LivePath);
        var (readyStatus, body) = await fixture.Operations.GetAsync(GatewayOperationsEndpoint.ReadyPath);

        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        using var ready = JsonDocument.Parse(body);
        Assert.Equal("Healthy", ready.RootElement.GetProperty("status").GetString());
        var checks = ready.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("cluster").GetProperty("status").GetString());
        Assert.Contains(Store, checks.GetProperty("cluster").GetProperty("description").GetString());
        Assert.Equal("Healthy", checks.GetProperty("masstransit-bus").GetProperty("status").GetString());
        Assert.DoesNotContain(fixture.Cluster.Cookie, body);
        Assert.DoesNotContain(fixture.Broker.Password, body);
    }

    [Fact]
    public async Task Metrics_count_a_request_made_through_the_bus_and_show_the_cluster()
    {
        var before = RequestCount(await MetricsAsync());

        var version = await fixture.Client<GetVersion>().GetResponse<StreamVersion, GatewayError>(new GetVersion(Store, Events.Stream("scraped")));
        Assert.IsType<StreamVersion>(version.Message);

        // Scrapes are cached for a moment: poll the external state with a deadline.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        string metrics;
        while (RequestCount(metrics = await MetricsAsync()) < before + 1)
        {
            Assert.True(DateTime.UtcNow < deadline, $"esdbgater_requests_total for get-version/ok stayed at {before}:\n{metrics}");
            await Task.Delay(100);
        }

        Assert.Equal(before + 1, RequestCount(metrics));
        Assert.True(Sample(metrics, "esdbgater_request_duration_seconds_count", ("esdbgater_operation", "get-version")) >= 1, metrics);
        Assert.Equal(3, Sample(metrics, "esdbgater_store_nodes", ("esdbgater_store", Store)));
        Assert.Equal(3, Sample(metrics, "esdbgater_cluster_nodes", ("esdbgater_node_state", "connected")));
        Assert.Contains("otel_scope_name=\"MassTransit\"", metrics); // the bus's own meter is exported too
    }

    private static double RequestCount(string metrics) =>
        Sample(metrics, "esdbgater_requests_total", ("esdbgater_operation", "get-version"), ("esdbgater_outcome", "ok")) ?? 0;

    private async Task<string> MetricsAsync()
    {
        var (status, body) = await fixture.Operations.GetAsync(GatewayOperationsEndpoint.MetricsPath);
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    /// <summary>The value of the one series of <paramref name="metric"/> whose labels include <paramref name="labels"/>; null when there is none.</summary>
    private static double? Sample(string metrics, string metric, params (string Name, string Value)[] labels)
    {
        var values = Series().Matches(metrics)
            .Where(m => m.Groups["name"].Value == metric)
            .Where(m => labels.All(l => m.Groups["labels"].Value.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))
            .ToList();
        Assert.True(values.Count <= 1, $"{metric} has {values.Count} series with those labels");
        return values.Count == 0 ? null : values[0];
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?<labels>[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Series();
}
