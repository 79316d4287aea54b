using EsdbGater.Host.Operations;
using EsdbGater.Host.Tests.Fakes;
using EsdbGater.Plugins.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Tests.Operations;

public sealed class ReadExecutorTests
{
    private readonly TestCluster _cluster = new();

    [Theory]
    [InlineData(ExesdbCallFailure.Timeout)]
    [InlineData(ExesdbCallFailure.NodeDown)]
    [InlineData(ExesdbCallFailure.WorkerDown)]
    [InlineData(ExesdbCallFailure.NoProcess)]
    public async Task A_failed_read_is_answered_by_another_node(ExesdbCallFailure failure)
    {
        var a = _cluster.AddNode("a@host");
        var b = _cluster.AddNode("b@host");
        _cluster.Load.Increment("b@host"); // the less loaded a is tried first
        a.FailNextRead(failure);
        _cluster.Store.Append("s", EsdbGater.Contracts.ExpectedVersion.Any, [FakeStreamStore.NewEvent()]);

        Assert.Equal(0, await Read());
        Assert.Single(a.Calls, c => c == "get_version");
        Assert.Single(b.Calls, c => c == "get_version");
    }

    [Fact]
    public async Task A_read_is_retried_only_once()
    {
        var a = _cluster.AddNode("a@host");
        var b = _cluster.AddNode("b@host");
        a.FailNextRead(ExesdbCallFailure.Timeout);
        b.FailNextRead(ExesdbCallFailure.Timeout);

        var error = await Assert.ThrowsAsync<ExesdbCallException>(() => Read());

        Assert.Equal(ExesdbCallFailure.Timeout, error.Failure);
        Assert.Single(a.Calls, c => c == "get_version");
        Assert.Single(b.Calls, c => c == "get_version");
    }

    [Fact]
    public async Task With_one_node_and_one_worker_the_failure_is_not_retried()
    {
        var a = _cluster.AddNode("a@host");
        a.FailNextRead(ExesdbCallFailure.Timeout);

        var error = await Assert.ThrowsAsync<ExesdbCallException>(() => Read());

        Assert.Equal(ExesdbCallFailure.Timeout, error.Failure);
        Assert.Single(a.Calls, c => c == "get_version");
    }

    [Fact]
    public async Task A_crashed_worker_makes_the_monitor_list_the_node_again()
    {
        var a = _cluster.AddNode("a@host");
        _cluster.AddNode("b@host");
        a.FailNextRead(ExesdbCallFailure.WorkerDown);
        _cluster.Nodes["b@host"].FailNextRead(ExesdbCallFailure.WorkerDown);

        await Assert.ThrowsAsync<ExesdbCallException>(() => Read());

        Assert.Equal(["a@host", "b@host"], _cluster.Refresher.Requested.Order());
    }

    [Fact]
    public async Task Unexpected_replies_are_not_retried()
    {
        var a = _cluster.AddNode("a@host");
        var b = _cluster.AddNode("b@host");
        a.FailNextRead(ExesdbCallFailure.UnexpectedReply);
        b.FailNextRead(ExesdbCallFailure.UnexpectedReply);

        await Assert.ThrowsAsync<ExesdbCallException>(() => Read());

        Assert.Equal(1, a.Calls.Count + b.Calls.Count);
    }

    private Task<long> Read() =>
        Executor().ExecuteAsync("reg_gh", RequestBudget.Unbounded(TimeProvider.System), (node, worker, timeout, ct) => node.GetVersionAsync(worker, "s", timeout, ct), CancellationToken.None);

    private ReadExecutor Executor() => new(_cluster.Pool(), _cluster.Refresher, Options.Create(_cluster.PoolOptions), NullLoggerFactory.Instance);
}
