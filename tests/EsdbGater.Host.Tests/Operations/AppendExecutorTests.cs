using EsdbGater.Contracts;
using EsdbGater.Host.Operations;
using EsdbGater.Host.Pool;
using EsdbGater.Host.Tests.Fakes;
using EsdbGater.Plugins.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Tests.Operations;

public sealed class AppendExecutorTests
{
    private readonly TestCluster _cluster = new();
    private readonly AppendExecutor _executor;

    public AppendExecutorTests()
    {
        foreach (var name in new[] { "a@host", "b@host", "c@host" })
        {
            _cluster.AddNode(name);
        }

        _executor = new AppendExecutor(_cluster.Pool(), new StreamLocks(), _cluster.Refresher, Options.Create(_cluster.PoolOptions), NullLoggerFactory.Instance);
    }

    [Fact]
    public async Task An_append_answers_the_last_event_number_and_gives_events_without_id_one()
    {
        var events = new[] { FakeStreamStore.NewEvent() with { EventId = Guid.Empty }, FakeStreamStore.NewEvent() };

        var answer = await Append("order-1", events, ExpectedVersion.NoStream);

        Assert.Equal(new EventsAppended("reg_gh", "order-1", 1), answer);
        var stored = _cluster.Store.Events("order-1");
        Assert.All(stored, e => Assert.NotEqual(Guid.Empty, Guid.Parse(e.EventId)));
        Assert.Equal(7, Guid.Parse(stored[0].EventId).Version);
    }

    [Fact]
    public async Task A_failed_expectation_answers_WrongExpectedVersion_with_the_current_version()
    {
        await Append("order-1", [FakeStreamStore.NewEvent(), FakeStreamStore.NewEvent()]);

        var answer = await Append("order-1", [FakeStreamStore.NewEvent()], ExpectedVersion.NoStream);

        Assert.Equal(new WrongExpectedVersion("reg_gh", "order-1", ExpectedVersion.NoStream, 1), answer);
    }

    [Fact]
    public async Task A_lost_race_without_a_version_is_answered_with_the_version_read_afterwards()
    {
        await Append("raced", [FakeStreamStore.NewEvent(), FakeStreamStore.NewEvent(), FakeStreamStore.NewEvent()]);
        OwnerOf("raced").LoseRaceOnNextAppend = true;

        var answer = await Append("raced", [FakeStreamStore.NewEvent()], ExpectedVersion.Exact(2));

        Assert.Equal(new WrongExpectedVersion("reg_gh", "raced", ExpectedVersion.Exact(2), 2), answer);
    }

    [Fact]
    public async Task All_appends_to_one_stream_go_to_its_owner_node()
    {
        for (var i = 0; i < 5; i++)
        {
            await Append("order-7", [FakeStreamStore.NewEvent()]);
        }

        var appendingNodes = _cluster.Nodes.Values.Where(n => n.Calls.Contains("append")).ToList();
        Assert.Single(appendingNodes);
        Assert.Equal(5, appendingNodes[0].Calls.Count(c => c == "append"));
    }

    [Fact]
    public async Task An_unknown_outcome_that_was_written_is_answered_as_appended_without_appending_again()
    {
        await Append("s", [FakeStreamStore.NewEvent()]);
        var owner = OwnerOf("s");
        owner.FailNextAppend(ExesdbCallFailure.Timeout, written: 2);

        var answer = await Append("s", [FakeStreamStore.NewEvent(), FakeStreamStore.NewEvent()], ExpectedVersion.Exact(0));

        Assert.Equal(new EventsAppended("reg_gh", "s", 2), answer);
        Assert.Equal(2, owner.Calls.Count(c => c == "append"));
        Assert.Equal(3, _cluster.Store.Events("s").Count);
    }

    [Fact]
    public async Task An_unknown_outcome_that_was_not_written_is_retried_once_pinned_to_the_version_read_back()
    {
        await Append("s", [FakeStreamStore.NewEvent()]);
        var owner = OwnerOf("s");
        owner.FailNextAppend(ExesdbCallFailure.NodeDown);

        var answer = await Append("s", [FakeStreamStore.NewEvent()]);

        Assert.Equal(new EventsAppended("reg_gh", "s", 1), answer);
        Assert.Equal([ExpectedVersion.Any, ExpectedVersion.Any, ExpectedVersion.Exact(0)], owner.AppendExpectations);
        Assert.Equal(2, _cluster.Store.Events("s").Count);
    }

    [Fact]
    public async Task A_retry_that_meets_the_late_original_is_answered_as_appended_and_writes_nothing_twice()
    {
        var owner = OwnerOf("s");
        var events = new[] { FakeStreamStore.NewEvent() };
        owner.FailNextAppend(ExesdbCallFailure.Timeout);
        owner.BeforeAppend = call =>
        {
            if (call == 2)
            {
                _cluster.Store.Append("s", ExpectedVersion.Any, events); // the timed-out original lands late
            }
        };

        var answer = await Append("s", events);

        Assert.Equal(new EventsAppended("reg_gh", "s", 0), answer);
        Assert.Equal([ExpectedVersion.Any, ExpectedVersion.NoStream], owner.AppendExpectations);
        Assert.Single(_cluster.Store.Events("s"));
    }

    [Fact]
    public async Task A_partly_written_append_is_AppendOutcomeUnknown_naming_what_was_written()
    {
        var owner = OwnerOf("s");
        owner.FailNextAppend(ExesdbCallFailure.WorkerDown, written: 1);

        var answer = await Append("s", [FakeStreamStore.NewEvent(), FakeStreamStore.NewEvent(), FakeStreamStore.NewEvent()]);

        var error = Assert.IsType<GatewayError>(answer);
        Assert.Equal(GatewayErrorCode.AppendOutcomeUnknown, error.Code);
        Assert.Contains("only 1 of 3 events", error.Message);
        Assert.Equal([owner.NodeName], _cluster.Refresher.Requested);
    }

    [Fact]
    public async Task An_unknown_outcome_that_cannot_be_read_back_is_AppendOutcomeUnknown()
    {
        var owner = OwnerOf("s");
        owner.FailNextAppend(ExesdbCallFailure.Timeout);
        owner.FailNextRead(ExesdbCallFailure.Timeout);

        var answer = await Append("s", [FakeStreamStore.NewEvent()]);

        var error = Assert.IsType<GatewayError>(answer);
        Assert.Equal(GatewayErrorCode.AppendOutcomeUnknown, error.Code);
        Assert.Single(owner.AppendExpectations);
    }

    [Fact]
    public async Task An_unknown_outcome_whose_expectation_no_longer_holds_is_WrongExpectedVersion()
    {
        await Append("s", [FakeStreamStore.NewEvent(), FakeStreamStore.NewEvent()]);
        var owner = OwnerOf("s");
        owner.FailNextAppend(ExesdbCallFailure.Timeout);

        var answer = await Append("s", [FakeStreamStore.NewEvent()], ExpectedVersion.Exact(0));

        Assert.Equal(new WrongExpectedVersion("reg_gh", "s", ExpectedVersion.Exact(0), 1), answer);
        Assert.Equal(2, owner.AppendExpectations.Count);
    }

    [Fact]
    public async Task A_vanished_worker_wrote_nothing_so_the_append_is_retried_and_the_node_refreshed()
    {
        var owner = OwnerOf("s");
        owner.FailNextAppend(ExesdbCallFailure.NoProcess);

        var answer = await Append("s", [FakeStreamStore.NewEvent()]);

        Assert.Equal(new EventsAppended("reg_gh", "s", 0), answer);
        Assert.Equal([owner.NodeName], _cluster.Refresher.Requested);
    }

    [Fact]
    public async Task No_call_is_made_once_the_client_timeout_is_about_to_expire()
    {
        var budget = new RequestBudget(_cluster.Time, _cluster.Time.GetUtcNow() + TimeSpan.FromMilliseconds(10));

        await Assert.ThrowsAsync<RequestBudgetExhaustedException>(
            () => _executor.AppendAsync(new AppendEvents("reg_gh", "s", [FakeStreamStore.NewEvent()]), budget, CancellationToken.None));
        Assert.All(_cluster.Nodes.Values, n => Assert.DoesNotContain("append", n.Calls));
    }

    private FakeExesdbNode OwnerOf(string stream)
    {
        var candidates = new EsdbGater.Host.Pool.Health.ConnectedNodesPolicy().Candidates(_cluster.View.Current, "reg_gh");
        var owner = new EsdbGater.Host.Pool.LoadBalancing.RendezvousHashingPolicy().Pick(candidates, new(stream, new OutstandingCalls()));
        return _cluster.Nodes[owner.NodeName];
    }

    private Task<object> Append(string stream, IReadOnlyList<EventData> events, ExpectedVersion? expected = null) =>
        _executor.AppendAsync(new AppendEvents("reg_gh", stream, events, expected), RequestBudget.Unbounded(TimeProvider.System), CancellationToken.None);
}
