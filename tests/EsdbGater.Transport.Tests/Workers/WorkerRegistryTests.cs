using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tcp.Workers;
using static EsdbGater.Transport.Tests.Support.RecordTerms;

namespace EsdbGater.Transport.Tests.Workers;

public sealed class WorkerRegistryTests
{
    private static readonly ErlAtom Node = A("exesdb1@vm");

    [Fact]
    public void Swarm_gateway_worker_entries_of_this_node_are_kept()
    {
        var mine = Pid(id: 10);
        var reply = ErlList.Of(
            ErlTuple.Of(ErlTuple.Of(A("gateway_worker"), A("reg_gh"), Node, 1470), mine),
            ErlTuple.Of(ErlTuple.Of(A("gateway_worker"), A("reg_gh"), A("exesdb2@vm"), 3), Pid("exesdb2@vm", 11)),
            ErlTuple.Of(ErlTuple.Of(A("snaps_reader"), A("reg_gh"), A("any"), A("any")), Pid(id: 12)),
            ErlTuple.Of(ErlTuple.Of(A("gater_api"), 123456), Pid(id: 13)),
            ErlTuple.Of(A("streams_writer_worker_reg_gh_s"), Pid(id: 14)));

        var found = WorkerRegistryProtocol.ParseSwarmRegistered(reply, Node);

        Assert.Equal([new WorkerRegistryProtocol.FoundWorker("reg_gh", mine)], found);
    }

    [Fact]
    public void A_node_without_swarm_answers_badrpc() =>
        Assert.Null(WorkerRegistryProtocol.ParseSwarmRegistered(ErlTuple.Of(A("badrpc"), ErlTuple.Of(A("EXIT"), A("undef"))), Node));

    [Fact]
    public void Which_children_lists_live_workers_only()
    {
        var worker = Pid(id: 20);
        var reply = ErlList.Of(
            ErlTuple.Of(0, worker, A("worker"), ErlList.Of(A("Elixir.ExESDB.GatewayWorker"))),
            ErlTuple.Of(1, A("restarting"), A("worker"), ErlList.Of(A("Elixir.ExESDB.GatewayWorker"))),
            ErlTuple.Of(2, Pid(id: 21), A("supervisor"), ErlList.Of(A("Elixir.Other"))));

        Assert.Equal([worker], WorkerRegistryProtocol.ParseWhichChildren(reply));
    }

    [Fact]
    public void Issued_worker_ids_resolve_to_the_pid()
    {
        var ids = new WorkerIds();
        var pid = Pid(id: 1470, serial: 3, creation: 4_000_000_000);

        var id = ids.Issue(pid);

        Assert.Equal("1470.3.4000000000/exesdb1@vm", id);
        Assert.Equal(pid, ids.Resolve(id, Node));
        Assert.Equal(pid, new WorkerIds().Issue(pid) == id ? ids.Resolve(id, Node) : null);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2/exesdb1@vm")]
    [InlineData("999999.0.1760599029/exesdb1@vm")]
    public void Ids_this_transport_never_issued_are_refused_before_anything_is_sent(string id)
    {
        // A forged pid number above 32767 makes an OTP 25 node drop the whole connection.
        var e = Assert.Throws<ExesdbCallException>(() => new WorkerIds().Resolve(id, Node));

        Assert.Equal(ExesdbCallFailure.InvalidArgument, e.Failure);
    }

    [Fact]
    public void A_worker_of_another_node_is_refused()
    {
        var ids = new WorkerIds();
        var id = ids.Issue(Pid("exesdb2@vm"));

        var e = Assert.Throws<ExesdbCallException>(() => ids.Resolve(id, Node));

        Assert.Equal(ExesdbCallFailure.InvalidArgument, e.Failure);
    }
}
