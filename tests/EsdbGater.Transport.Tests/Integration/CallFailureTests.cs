using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.TestKit;
using EsdbGater.Transport.Tcp.Operations;
using EsdbGater.Transport.Tests.Support;

namespace EsdbGater.Transport.Tests.Integration;

/// <summary>
/// How calls that get no ExESDB answer fail, against real processes: one that never replies,
/// one that dies during the call, one that does not exist.
/// </summary>
public sealed class CallFailureTests(CallFailureTests.Node probe) : IClassFixture<CallFailureTests.Node>
{
    private static readonly ErlTuple Request = ErlTuple.Of(ErlAtom.Of("get_version"), ErlAtom.Of("reg_gh"), "s");

    public sealed class Node() : PgProbeNode(BeamRuntime.Otp25Host);

    [Fact]
    public async Task No_reply_in_time_is_a_timeout_with_unknown_outcome()
    {
        var silent = await probe.ProbeAsync("start_emitter", ErlAtom.Of("reg_gh"), "$silent");

        var e = await Assert.ThrowsAsync<ExesdbCallException>(() =>
            new RemoteCalls(probe.ControlConnection).CallAsync(silent, Request, "get_version", TimeSpan.FromMilliseconds(300), CancellationToken.None));

        Assert.Equal(ExesdbCallFailure.Timeout, e.Failure);
        Assert.True(e.OutcomeUnknown);
        await probe.ProbeAsync("stop_emitter", silent);
    }

    [Fact]
    public async Task A_process_that_dies_during_the_call_is_worker_down_with_its_reason()
    {
        var doomed = await probe.ProbeAsync("start_emitter", ErlAtom.Of("reg_gh"), "$doomed");
        var call = new RemoteCalls(probe.ControlConnection).CallAsync(doomed, Request, "get_version", TimeSpan.FromSeconds(10), CancellationToken.None);
        await Eventually.ValueAsync(
            () => probe.Control.RpcAsync("erlang", "process_info", doomed, ErlAtom.Of("message_queue_len")),
            info => info is ErlTuple { Arity: 2 } t && t[1] is ErlInteger { Int64Value: >= 1 }, TimeSpan.FromSeconds(10), "the call reached the process");

        await probe.ProbeAsync("stop_emitter", doomed);

        var e = await Assert.ThrowsAsync<ExesdbCallException>(() => call);
        Assert.Equal(ExesdbCallFailure.WorkerDown, e.Failure);
        Assert.Contains("normal", e.Message);
    }

    [Fact]
    public async Task A_process_that_does_not_exist_is_no_process_at_once()
    {
        var gone = await probe.ProbeAsync("start_emitter", ErlAtom.Of("reg_gh"), "$gone");
        await probe.ProbeAsync("stop_emitter", gone);
        await Eventually.ValueAsync(() => probe.Control.RpcAsync("erlang", "is_process_alive", gone), alive => alive == ErlAtom.False, TimeSpan.FromSeconds(10), "the process is gone");

        var e = await Assert.ThrowsAsync<ExesdbCallException>(() =>
            new RemoteCalls(probe.ControlConnection).CallAsync(gone, Request, "get_version", TimeSpan.FromSeconds(10), CancellationToken.None));

        Assert.Equal(ExesdbCallFailure.NoProcess, e.Failure);
        Assert.False(e.OutcomeUnknown);
    }
}
