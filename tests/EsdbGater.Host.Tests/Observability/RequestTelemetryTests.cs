using System.Diagnostics;
using EsdbGater.Contracts;
using EsdbGater.Host.Observability;
using EsdbGater.Host.Tests.Fakes;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

using static EsdbGater.Host.Tests.Observability.TestMeters;

namespace EsdbGater.Host.Tests.Observability;

public sealed class RequestTelemetryTests : IDisposable
{
    private readonly TestMeters _meters = new();

    public static TheoryData<object?, string> Outcomes => new()
    {
        { new StreamVersion("reg_gh", "s", 3), "ok" },
        { new WrongExpectedVersion("reg_gh", "s", ExpectedVersion.NoStream, 2), "wrong_expected_version" },
        { new SnapshotNotFound("reg_gh", new SnapshotKey("s", "1", 0)), "snapshot_not_found" },
        { new SubscriptionNotFound("reg_gh", "projection"), "subscription_not_found" },
        { new GatewayError(GatewayErrorCode.NoWorkers, "none"), "no_workers" },
        { new GatewayError(GatewayErrorCode.AppendOutcomeUnknown, "maybe"), "append_outcome_unknown" },
        { new GatewayError(GatewayErrorCode.InvalidRequest, "bad", "StreamId"), "invalid_request" },
        { null, "fault" },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void Each_request_is_counted_once_by_operation_and_outcome(object? response, string outcome)
    {
        using var requests = _meters.Collect<long>(GatewayMetrics.Requests);
        var telemetry = new RequestTelemetry(_meters.Metrics());

        telemetry.Stop(telemetry.Start("get-version", new GetVersion("reg_gh", "s")), response);

        var measurement = Assert.Single(requests.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.True(measurement.MatchesTags(Tag(GatewayTelemetry.OperationTag, "get-version"), Tag(GatewayTelemetry.OutcomeTag, outcome)), Describe(measurement));
    }

    [Fact]
    public async Task The_duration_is_recorded_in_seconds_per_operation()
    {
        using var durations = _meters.Collect<double>(GatewayMetrics.RequestDuration);
        var telemetry = new RequestTelemetry(_meters.Metrics());

        var clock = Stopwatch.StartNew();
        var observation = telemetry.Start("append-events", new AppendEvents("reg_gh", "s", []));
        await Task.Delay(20);
        telemetry.Stop(observation, new EventsAppended("reg_gh", "s", 0));
        var outer = clock.Elapsed.TotalSeconds;

        var measurement = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.InRange(measurement.Value, 0.015, outer);
        Assert.True(measurement.MatchesTags(Tag(GatewayTelemetry.OperationTag, "append-events")), Describe(measurement));
    }

    [Fact]
    public async Task The_request_span_joins_the_incoming_trace_and_names_operation_store_node_and_outcome()
    {
        using var incoming = new ActivitySource("Test.MassTransit");
        using var listener = SampleAll(GatewayTelemetry.Name, incoming.Name);
        var cluster = new TestCluster();
        cluster.AddNode("a@host");
        var telemetry = new RequestTelemetry(_meters.Metrics());

        using var consume = incoming.StartActivity("consume", ActivityKind.Consumer)!;
        var observation = telemetry.Start("append-events", new AppendEvents("reg_gh", "order-1", []));
        using (await cluster.Pool().AcquireOwnerAsync("reg_gh", "order-1", CancellationToken.None))
        {
        }

        telemetry.Stop(observation, new GatewayError(GatewayErrorCode.Timeout, "slow"));

        var span = observation.Activity!;
        Assert.Equal("append-events", span.DisplayName);
        Assert.Equal(consume.TraceId, span.TraceId);
        Assert.Equal(consume.SpanId, span.ParentSpanId);
        Assert.Equal("append-events", span.GetTagItem(GatewayTelemetry.OperationTag));
        Assert.Equal("reg_gh", span.GetTagItem(GatewayTelemetry.StoreTag));
        Assert.Equal("a@host", span.GetTagItem(GatewayTelemetry.NodeTag));
        Assert.Equal("timeout", span.GetTagItem(GatewayTelemetry.OutcomeTag));
        Assert.Equal("timeout", span.GetTagItem(GatewayTelemetry.ErrorTypeTag));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.NotEqual(default, span.Duration);
        Assert.Same(consume, Activity.Current); // the request span ended and gave the context back
    }

    [Fact]
    public void A_refusal_is_an_answer_not_an_error_of_the_span_and_requests_without_a_store_have_no_store_tag()
    {
        using var listener = SampleAll(GatewayTelemetry.Name);
        var telemetry = new RequestTelemetry(_meters.Metrics());

        var conflict = telemetry.Start("append-events", new AppendEvents("reg_gh", "s", []));
        telemetry.Stop(conflict, new WrongExpectedVersion("reg_gh", "s", ExpectedVersion.NoStream, 0));
        var stores = telemetry.Start("list-stores", new ListStores());
        telemetry.Stop(stores, new StoresListed([]));

        Assert.Equal(ActivityStatusCode.Unset, conflict.Activity!.Status);
        Assert.Null(conflict.Activity.GetTagItem(GatewayTelemetry.ErrorTypeTag));
        Assert.Null(stores.Activity!.GetTagItem(GatewayTelemetry.StoreTag));
        Assert.Equal("ok", stores.Activity.GetTagItem(GatewayTelemetry.OutcomeTag));
    }

    [Fact]
    public void Without_a_tracer_no_span_is_started_and_the_request_is_still_counted()
    {
        using var requests = _meters.Collect<long>(GatewayMetrics.Requests);
        var telemetry = new RequestTelemetry(_meters.Metrics());

        var observation = telemetry.Start("get-events", new GetEvents("reg_gh", "s", 0, 10));
        telemetry.Stop(observation, new EventsRead("reg_gh", "s", []));

        // Another test's listener may sample the source meanwhile; only a span nobody asked for is wrong.
        Assert.True(observation.Activity is null || GatewayTelemetry.Source.HasListeners());
        Assert.Equal(1, requests.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    public void Dispose() => _meters.Dispose();

    private static ActivityListener SampleAll(params string[] sources)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static string Describe<T>(CollectedMeasurement<T> measurement)
        where T : struct => string.Join(", ", measurement.Tags.Select(t => $"{t.Key}={t.Value}"));
}
