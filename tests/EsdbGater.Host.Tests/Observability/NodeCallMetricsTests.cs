using EsdbGater.Contracts;
using EsdbGater.Host.Observability;
using EsdbGater.Host.Operations;
using EsdbGater.Host.Pool;
using EsdbGater.Host.Pool.Health;
using EsdbGater.Host.Pool.LoadBalancing;
using EsdbGater.Host.Tests.Fakes;
using EsdbGater.Plugins.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static EsdbGater.Host.Tests.Observability.TestMeters;

namespace EsdbGater.Host.Tests.Observability;

/// <summary>The retry and unknown-outcome counters, recorded by the executors against fake nodes.</summary>
public sealed class NodeCallMetricsTests : IDisposable
{
    private readonly TestMeters _meters = new();
    private readonly TestCluster _cluster = new();

    [Fact]
    public async Task A_read_retried_on_another_node_is_counted_with_its_reason()
    {
        using var retries = _meters.Collect<long>(GatewayMetrics.NodeCallRetries);
        var a = _cluster.AddNode("a@host");
        _cluster.AddNode("b@host");
        _cluster.Load.Increment("b@host"); // a is tried first
        a.FailNextRead(ExesdbCallFailure.NodeDown);
        var reads = new ReadExecutor(_cluster.Pool(), _cluster.Refresher, Options.Create(_cluster.PoolOptions), NullLoggerFactory.Instance, _meters.Metrics());

        await reads.ExecuteAsync("reg_gh", Budget(), (node, worker, timeout, ct) => node.GetVersionAsync(worker, "s", timeout, ct), CancellationToken.None);

        var retry = Assert.Single(retries.GetMeasurementSnapshot());
        Assert.True(retry.MatchesTags(Tag(GatewayTelemetry.CallTag, "read"), Tag(GatewayTelemetry.RetryReasonTag, "node_down")));
    }

    [Fact]
    public async Task A_read_answered_at_once_counts_no_retry()
    {
        using var retries = _meters.Collect<long>(GatewayMetrics.NodeCallRetries);
        _cluster.AddNode("a@host");
        var reads = new ReadExecutor(_cluster.Pool(), _cluster.Refresher, Options.Create(_cluster.PoolOptions), NullLoggerFactory.Instance, _meters.Metrics());

        await reads.ExecuteAsync("reg_gh", Budget(), (node, worker, timeout, ct) => node.GetVersionAsync(worker, "s", timeout, ct), CancellationToken.None);

        Assert.Empty(retries.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task An_append_without_answer_counts_an_unknown_outcome_and_the_retry_after_reading_back()
    {
        using var unknown = _meters.Collect<long>(GatewayMetrics.AppendUnknownOutcomes);
        using var retries = _meters.Collect<long>(GatewayMetrics.NodeCallRetries);
        _cluster.AddNode("a@host");
        _cluster.AddNode("b@host");
        var appends = Appends();
        OwnerOf("s").FailNextAppend(ExesdbCallFailure.Timeout, written: 0);

        var answer = await appends.AppendAsync(new AppendEvents("reg_gh", "s", [FakeStreamStore.NewEvent()]), Budget(), CancellationToken.None);

        Assert.IsType<EventsAppended>(answer);
        var outcome = Assert.Single(unknown.GetMeasurementSnapshot());
        Assert.True(outcome.MatchesTags(Tag(GatewayTelemetry.ErrorTypeTag, "timeout")));
        var retry = Assert.Single(retries.GetMeasurementSnapshot());
        Assert.True(retry.MatchesTags(Tag(GatewayTelemetry.CallTag, "append"), Tag(GatewayTelemetry.RetryReasonTag, "not_written")));
    }

    [Fact]
    public async Task An_append_to_a_vanished_worker_counts_a_retry_and_no_unknown_outcome()
    {
        using var unknown = _meters.Collect<long>(GatewayMetrics.AppendUnknownOutcomes);
        using var retries = _meters.Collect<long>(GatewayMetrics.NodeCallRetries);
        _cluster.AddNode("a@host");
        var appends = Appends();
        OwnerOf("s").FailNextAppend(ExesdbCallFailure.NoProcess);

        await appends.AppendAsync(new AppendEvents("reg_gh", "s", [FakeStreamStore.NewEvent()]), Budget(), CancellationToken.None);

        Assert.Empty(unknown.GetMeasurementSnapshot());
        var retry = Assert.Single(retries.GetMeasurementSnapshot());
        Assert.True(retry.MatchesTags(Tag(GatewayTelemetry.CallTag, "append"), Tag(GatewayTelemetry.RetryReasonTag, "no_process")));
    }

    public void Dispose() => _meters.Dispose();

    private AppendExecutor Appends() =>
        new(_cluster.Pool(), new StreamLocks(), _cluster.Refresher, Options.Create(_cluster.PoolOptions), NullLoggerFactory.Instance, _meters.Metrics());

    private FakeExesdbNode OwnerOf(string stream)
    {
        var candidates = new ConnectedNodesPolicy().Candidates(_cluster.View.Current, "reg_gh");
        return _cluster.Nodes[new RendezvousHashingPolicy().Pick(candidates, new(stream, new OutstandingCalls())).NodeName];
    }

    private static RequestBudget Budget() => RequestBudget.Unbounded(TimeProvider.System);
}
