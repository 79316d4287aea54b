using System.Text.Json;
using EsdbGater.Contracts;
using EsdbGater.EndToEnd.Tests.Fixtures;
using EsdbGater.TestKit.Gateway;
using MassTransit;

namespace EsdbGater.EndToEnd.Tests;

/// <summary>Every operation's success path and its typed errors, through RabbitMQ and the gateway process to three dev nodes.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class OperationsTests(EndToEndFixture fixture)
{
    private const string Store = EndToEndFixture.Store;

    [Fact]
    public async Task Appended_events_read_back_forward_and_backward_with_their_ids_types_and_data()
    {
        var stream = Events.Stream("order");
        var events = new[] { Events.New("order_placed:v1", new { total = 42.5 }), Events.New("item_added:v1", new { sku = "A" }), Events.New("order_confirmed:v1") };

        var appended = await Append(new AppendEvents(Store, stream, events, ExpectedVersion.NoStream));
        Assert.Equal(new EventsAppended(Store, stream, 2), Assert.IsType<EventsAppended>(appended));

        var forward = await Read(new GetEvents(Store, stream, 0, 10));
        Assert.Equal([0L, 1, 2], forward.Events.Select(e => e.EventNumber));
        Assert.Equal(events.Select(e => e.EventId.ToString()), forward.Events.Select(e => e.EventId));
        Assert.Equal(events.Select(e => e.EventType), forward.Events.Select(e => e.EventType));
        Assert.Equal(42.5, forward.Events[0].Data.GetProperty("total").GetDouble());
        Assert.All(forward.Events, e => Assert.Equal(stream, e.StreamId));

        var backward = await Read(new GetEvents(Store, stream, 2, 2, ReadDirection.Backward));
        Assert.Equal([2L, 1], backward.Events.Select(e => e.EventNumber));
    }

    [Fact]
    public async Task Version_streams_and_stores_are_reported()
    {
        var stream = Events.Stream("versioned");
        Assert.Equal(-1, (await Request<GetVersion, StreamVersion>(new GetVersion(Store, stream))).Version);
        await Append(new AppendEvents(Store, stream, Events.Many(4)));

        Assert.Equal(3, (await Request<GetVersion, StreamVersion>(new GetVersion(Store, stream))).Version);
        Assert.Contains(stream, (await Request<GetStreams, StreamsListed>(new GetStreams(Store))).StreamIds);
        var stores = await Request<ListStores, StoresListed>(new ListStores());
        Assert.Contains(stores.Stores, s => s.StoreId == Store);
    }

    [Fact]
    public async Task A_stale_expected_version_is_refused_with_the_current_version_and_nothing_written()
    {
        var stream = Events.Stream("contended");
        await Append(new AppendEvents(Store, stream, Events.Many(2), ExpectedVersion.NoStream));

        var refused = Assert.IsType<WrongExpectedVersion>(await Append(new AppendEvents(Store, stream, Events.Many(1), ExpectedVersion.Exact(0))));
        var noStream = Assert.IsType<WrongExpectedVersion>(await Append(new AppendEvents(Store, stream, Events.Many(1), ExpectedVersion.NoStream)));
        var exists = Assert.IsType<WrongExpectedVersion>(await Append(new AppendEvents(Store, Events.Stream("missing"), Events.Many(1), ExpectedVersion.StreamExists)));

        Assert.Equal((ExpectedVersion.Exact(0), 1L), (refused.ExpectedVersion, refused.CurrentVersion));
        Assert.Equal(1, noStream.CurrentVersion);
        Assert.Equal(-1, exists.CurrentVersion);
        Assert.Equal(1, (await Request<GetVersion, StreamVersion>(new GetVersion(Store, stream))).Version);
        Assert.IsType<EventsAppended>(await Append(new AppendEvents(Store, stream, Events.Many(1), ExpectedVersion.Exact(1))));
    }

    [Fact]
    public async Task An_unknown_store_is_StoreNotFound()
    {
        var error = await Error(new GetVersion("no_such_store", "s"));
        Assert.Equal((GatewayErrorCode.StoreNotFound, "Store"), (error.Code, error.Field));
    }

    [Fact]
    public async Task Invalid_input_is_InvalidRequest_naming_the_field_and_never_reaches_a_node()
    {
        Assert.Equal("StreamId", (await Error(new GetVersion(Store, "$all"))).Field);
        Assert.Equal("StreamId", (await Error(new GetVersion(Store, new string('x', 500)))).Field);
        Assert.Equal("Count", (await Error(new GetEvents(Store, "s", 0, 0))).Field);
        Assert.Equal("Start", (await Error(new GetEvents(Store, "s", -1, 1))).Field);
        Assert.Equal("Store", (await Error(new GetStreams("Bad-Store"))).Field);
        Assert.Equal("Events[0].EventType", (await AppendError(new AppendEvents(Store, "s", [Events.New() with { EventType = "" }]))).Field);
        Assert.Equal("Events", (await AppendError(new AppendEvents(Store, "s", []))).Field);
        Assert.Equal("ExpectedVersion", (await AppendError(new AppendEvents(Store, "s", Events.Many(1), new ExpectedVersion(-7)))).Field);
        Assert.Equal("Key.Version", (await Error(new ReadSnapshot(Store, new SnapshotKey("a", "b", -1)))).Field);

        var tooBig = JsonSerializer.SerializeToElement(new string('x', 1_100_000));
        Assert.Equal("Events[0]", (await AppendError(new AppendEvents(Store, "s", [Events.New() with { Data = tooBig }]))).Field);
        Assert.Equal(-1, (await Request<GetVersion, StreamVersion>(new GetVersion(Store, "s"))).Version);
    }

    [Fact]
    public async Task Snapshots_are_recorded_read_listed_and_deleted()
    {
        var source = Events.Stream("aggregate");
        var key = new SnapshotKey(source, "orders", 7);
        var state = JsonSerializer.SerializeToElement(new { balance = 100, owner = "ann" });

        var recorded = await Client<RecordSnapshot>().GetResponse<SnapshotRecorded, GatewayError>(new RecordSnapshot(Store, new Snapshot(key, "account_state:v1", state, null, null)));
        Assert.True(recorded.Is(out Response<SnapshotRecorded>? _), $"{recorded.Message}");

        var read = await Client<ReadSnapshot>().GetResponse<SnapshotRead, SnapshotNotFound, GatewayError>(new ReadSnapshot(Store, key));
        Assert.True(read.Is(out Response<SnapshotRead>? found), $"{read.Message}");
        Assert.Equal("account_state:v1", found.Message.Snapshot.SnapshotType);
        Assert.Equal(100, found.Message.Snapshot.Data.GetProperty("balance").GetInt32());

        var listed = await Request<ListSnapshots, SnapshotsListed>(new ListSnapshots(Store, source));
        Assert.Equal([key], listed.Snapshots.Select(s => s.Key));
        var byStream = await Request<ListSnapshots, SnapshotsListed>(new ListSnapshots(Store, null, "orders"));
        Assert.Contains(byStream.Snapshots, s => s.Key == key);

        var deleted = await Client<DeleteSnapshot>().GetResponse<SnapshotDeleted, GatewayError>(new DeleteSnapshot(Store, key));
        Assert.True(deleted.Is(out Response<SnapshotDeleted>? _), $"{deleted.Message}");
        var gone = await Client<ReadSnapshot>().GetResponse<SnapshotRead, SnapshotNotFound, GatewayError>(new ReadSnapshot(Store, key));
        Assert.True(gone.Is(out Response<SnapshotNotFound>? _), $"{gone.Message}");
    }

    [Fact]
    public async Task The_cluster_status_lists_the_three_nodes_and_their_workers()
    {
        var status = await fixture.StatusAsync();

        Assert.Equal(fixture.Cluster.NodeNames.Order(), status.Nodes.Select(n => n.NodeName).Order());
        Assert.All(status.Nodes, n => Assert.Contains(n.Workers, w => w.Store == Store && w.Count == 1));
        Assert.Equal([Store], status.Stores);
        Assert.True(status.Healthy);
        Assert.StartsWith("esdbgater", status.Gateway);
    }

    [Fact]
    public async Task Published_requests_reach_the_gateway_through_their_type_exchange()
    {
        var response = await fixture.PublishingClient<GetVersion>().GetResponse<StreamVersion, GatewayError>(new GetVersion(Store, Events.Stream("published")));

        Assert.Equal(-1, Assert.IsType<StreamVersion>(response.Message).Version);
    }

    [Fact]
    public void The_gateway_never_prints_the_cookie_or_the_broker_password()
    {
        var output = fixture.Gateway.Output;
        Assert.Contains(GatewayProcess.ReadyLine, output);
        Assert.DoesNotContain(fixture.Cluster.Cookie, output);
        Assert.DoesNotContain(fixture.Broker.Password, output);
    }

    private IRequestClient<T> Client<T>()
        where T : class => fixture.Client<T>();

    private async Task<object> Append(AppendEvents request)
    {
        var response = await Client<AppendEvents>().GetResponse<EventsAppended, WrongExpectedVersion, GatewayError>(request);
        return response.Message;
    }

    private async Task<GatewayError> AppendError(AppendEvents request) => Assert.IsType<GatewayError>(await Append(request));

    private async Task<EventsRead> Read(GetEvents request) => await Request<GetEvents, EventsRead>(request);

    private async Task<TOk> Request<TRequest, TOk>(TRequest request)
        where TRequest : class
        where TOk : class
    {
        var response = await Client<TRequest>().GetResponse<TOk, GatewayError>(request);
        return response.Message as TOk ?? throw new Xunit.Sdk.XunitException($"Expected {typeof(TOk).Name}, got {response.Message}");
    }

    private async Task<GatewayError> Error<TRequest>(TRequest request)
        where TRequest : class
    {
        var response = await Client<TRequest>().GetResponse<GatewayError, StreamVersion>(request);
        return response.Message as GatewayError ?? throw new Xunit.Sdk.XunitException($"Expected a GatewayError, got {response.Message}");
    }
}
