using System.Diagnostics;
using EsdbGater.Contracts;
using EsdbGater.EndToEnd.Tests.Fixtures;
using Xunit.Abstractions;

namespace EsdbGater.EndToEnd.Tests;

/// <summary>Node failures as a client sees them. Each test restores the three nodes before it ends.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class FaultTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    private const string Store = EndToEndFixture.Store;

    [Fact]
    public async Task Reads_keep_working_while_one_of_three_nodes_is_killed()
    {
        var stream = Events.Stream("survivor");
        var written = Events.Many(3);
        Assert.IsType<EventsAppended>((await fixture.Client<AppendEvents>().GetResponse<EventsAppended, WrongExpectedVersion, GatewayError>(new AppendEvents(Store, stream, written))).Message);
        var victim = fixture.Cluster[1];
        var killedAt = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1);

        await victim.KillAsync();
        try
        {
            for (var i = 0; i < 12; i++)
            {
                var read = await fixture.Client<GetEvents>().GetResponse<EventsRead, GatewayError>(new GetEvents(Store, stream, 0, 10));
                var events = Assert.IsType<EventsRead>(read.Message).Events;
                Assert.Equal(written.Select(e => e.EventId.ToString()), events.Select(e => e.EventId));
            }

            var status = await fixture.WaitUntilServingAsync(connectedNodes: 2);
            Assert.Contains(status.Nodes, n => n.NodeName == victim.NodeName && !n.Connected);
            var down = await fixture.NextClusterEventAsync<NodeDown>(d => d.NodeName == victim.NodeName && d.At >= killedAt, TimeSpan.FromSeconds(20));
            Assert.StartsWith("esdbgater", down.Gateway); // every gateway replica publishes its own
        }
        finally
        {
            await victim.StartAsync();
            await fixture.WaitUntilServingAsync(connectedNodes: 3);
        }

        // Published on reconnect; its Stores may still be empty (ExESDB starts its gateway workers last).
        var up = await fixture.NextClusterEventAsync<NodeUp>(u => u.NodeName == victim.NodeName && u.At >= killedAt, TimeSpan.FromSeconds(20));
        Assert.StartsWith("esdbgater", up.Gateway);
    }

    [Fact]
    public async Task Hanging_nodes_give_Timeout_for_reads_and_AppendOutcomeUnknown_for_appends()
    {
        var stream = Events.Stream("frozen");
        var pending = Events.New();
        var pids = fixture.Cluster.Nodes.Select(n => n.ProcessId).ToList();
        pids.ForEach(ProcessSignals.Stop);
        try
        {
            var clock = Stopwatch.StartNew();
            var read = await fixture.Client<GetVersion>().GetResponse<StreamVersion, GatewayError>(new GetVersion(Store, stream));
            Assert.Equal(GatewayErrorCode.Timeout, Assert.IsType<GatewayError>(read.Message).Code);
            output.WriteLine($"read timed out after {clock.Elapsed.TotalSeconds:0.00} s");

            // Two call timeouts (the first node, then one alternative), plus room for the broker
            // and two processes on a loaded machine: far below the client's own 20 s timeout.
            Assert.InRange(clock.Elapsed, EndToEndFixture.CallTimeout, (EndToEndFixture.CallTimeout * 2) + TimeSpan.FromSeconds(5));

            var append = await fixture.Client<AppendEvents>().GetResponse<EventsAppended, WrongExpectedVersion, GatewayError>(new AppendEvents(Store, stream, [pending]));
            Assert.Equal(GatewayErrorCode.AppendOutcomeUnknown, Assert.IsType<GatewayError>(append.Message).Code);
        }
        finally
        {
            pids.ForEach(ProcessSignals.Continue);
        }

        // Why "unknown" is the honest answer: the frozen node still had the append queued and writes it once it runs again.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var read = await fixture.Client<GetEvents>().GetResponse<EventsRead, GatewayError>(new GetEvents(Store, stream, 0, 10));
            if (read.Message is EventsRead { Events.Count: > 0 } found)
            {
                Assert.Equal([pending.EventId.ToString()], found.Events.Select(e => e.EventId));
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The queued append never showed up: {read.Message}");
            await Task.Delay(200);
        }

        await fixture.WaitUntilServingAsync(connectedNodes: 3);
    }

    [Fact]
    public async Task With_every_node_gone_requests_get_NoWorkers_after_a_short_wait()
    {
        await Task.WhenAll(fixture.Cluster.Nodes.Select(n => n.KillAsync()));
        try
        {
            await fixture.WaitUntilServingAsync(connectedNodes: 0);
            var clock = Stopwatch.StartNew();

            var response = await fixture.Client<GetVersion>().GetResponse<StreamVersion, GatewayError>(new GetVersion(Store, "any"));

            var error = Assert.IsType<GatewayError>(response.Message);
            Assert.Equal(GatewayErrorCode.NoWorkers, error.Code);
            output.WriteLine($"NoWorkers after {clock.Elapsed.TotalSeconds:0.00} s");
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(6));
            Assert.False((await fixture.StatusAsync()).Healthy);
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, (await fixture.Operations.GetAsync(TestKit.Gateway.GatewayOperationsEndpoint.ReadyPath)).Status);
        }
        finally
        {
            await Task.WhenAll(fixture.Cluster.Nodes.Select(n => n.StartAsync()));
            await fixture.WaitUntilServingAsync(connectedNodes: 3);
        }
    }
}
