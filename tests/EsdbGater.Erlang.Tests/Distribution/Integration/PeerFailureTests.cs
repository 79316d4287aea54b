using System.Diagnostics;
using System.Runtime.InteropServices;
using EsdbGater.Erlang.Distribution;
using EsdbGater.Erlang.Tests.Distribution.Support;
using EsdbGater.Erlang.Terms;
using EsdbGater.TestKit;
using EsdbGater.TestKit.Beam;

namespace EsdbGater.Erlang.Tests.Distribution.Integration;

/// <summary>A peer that dies or freezes mid-call: every waiting caller learns at once, with a typed error.</summary>
public abstract class PeerFailureTests(BeamRuntime runtime) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private RuntimeDirectory _ebin = null!;
    private BeamNode _peer = null!;

    public async Task InitializeAsync()
    {
        _ebin = await ErlangCompiler.CompileAsync(runtime, ErlangSources.All);
        // net_ticktime 4: the node ticks every second while it runs, so only a frozen node falls
        // silent. (With OTP's 60 s it ticks every 15 s, and any short peer timeout fires on an
        // idle but live node.)
        _peer = await BeamNode.StartAsync(new BeamNodeOptions { Runtime = runtime, CodePaths = [_ebin.HostPath], Eval = "{ok, _} = echo_server:start().", NetTickTimeSeconds = 4 });
    }

    public async Task DisposeAsync()
    {
        await _peer.DisposeAsync();
        _ebin.Dispose();
    }

    [Fact]
    public async Task A_killed_peer_fails_pending_calls_and_monitors_with_noconnection_at_once()
    {
        await using var node = TestNodes.Create(_peer);
        var connection = await node.ConnectAsync(_peer);
        await using var mailbox = node.CreateMailbox();
        var monitor = await connection.MonitorAsync(mailbox, Erl.Atom("echo_server"));
        var calls = Enumerable.Range(0, 3)
            .Select(_ => connection.CallAsync(Erl.Atom("echo_server"), Erl.Tuple(Erl.Atom("sleep"), 60_000), TimeSpan.FromSeconds(60)))
            .Append(connection.RpcAsync("probe_helper", "sleep", [60_000], TimeSpan.FromSeconds(60)))
            .ToList();
        await connection.RpcAsync("erlang", "node", [], Patience); // the calls above are on the wire

        var clock = Stopwatch.StartNew();
        await _peer.KillAsync();

        foreach (var call in calls)
        {
            var e = await Assert.ThrowsAsync<GenCallException>(() => call.WaitAsync(Patience));
            Assert.Equal(GenCallFailure.NoConnection, e.Failure);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(Erl.Tuple(Erl.Atom("DOWN"), monitor, Erl.Atom("process"), Erl.Tuple(Erl.Atom("echo_server"), connection.RemoteNode), Erl.Atom("noconnection")), await mailbox.ReceiveAsync(Patience));
        Assert.False(connection.IsConnected);
        var reconnect = await Assert.ThrowsAsync<DistributionConnectException>(() => node.ConnectAsync(_peer));
        Assert.Contains(reconnect.Failure, new[] { ConnectFailure.NotRegistered, ConnectFailure.Unreachable });
    }

    [Fact]
    public async Task A_frozen_peer_is_declared_dead_after_the_peer_timeout()
    {
        // Five of the node's tick periods: a loaded machine may delay a tick, not five.
        var peerTimeout = TimeSpan.FromSeconds(5);
        await using var node = TestNodes.Create(_peer, configure: o => o with { TickInterval = TimeSpan.FromMilliseconds(200), PeerTimeout = peerTimeout });
        var connection = await node.ConnectAsync(_peer);
        var call = connection.CallAsync(Erl.Atom("echo_server"), Erl.Tuple(Erl.Atom("sleep"), 60_000), TimeSpan.FromSeconds(60));
        await connection.RpcAsync("erlang", "node", [], Patience);

        Signal(_peer.ProcessId, SigStop);
        try
        {
            var e = await Assert.ThrowsAsync<GenCallException>(() => call.WaitAsync(peerTimeout + Patience));
            Assert.Equal(GenCallFailure.NoConnection, e.Failure);
            Assert.StartsWith("no data from the peer", await connection.Closed.WaitAsync(Patience));
        }
        finally
        {
            Signal(_peer.ProcessId, SigCont);
        }
    }

    private const int SigStop = 19;
    private const int SigCont = 18;

    private static void Signal(int pid, int signal) => Assert.Equal(0, Kill(pid, signal));

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

public sealed class Otp25PeerFailureTests() : PeerFailureTests(BeamRuntime.Otp25Host);

public sealed class Otp27PeerFailureTests() : PeerFailureTests(BeamRuntime.Otp27Chroot);
