using EsdbGater.Erlang.Distribution;
using EsdbGater.Erlang.Distribution.Handshake;
using EsdbGater.Erlang.Distribution.Protocol;
using EsdbGater.Erlang.Tests.Distribution.Support;
using EsdbGater.Erlang.Terms;
using EsdbGater.TestKit;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Erlang.Tests.Distribution.Integration;

/// <summary>
/// Typed failures and hostile bytes, from a scripted fake node on loopback: things a real node
/// will not do on demand.
/// </summary>
public sealed class FakePeerTests
{
    private const string Cookie = "fake-cookie-s3cret";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly RecordingLoggerFactory _logs = new();

    [Theory]
    [InlineData("not_allowed", ConnectFailure.NotAllowed)]
    [InlineData("nok", ConnectFailure.Busy)]
    [InlineData("what_is_this", ConnectFailure.ProtocolError)]
    public async Task Handshake_status_refusals_are_typed(string status, ConnectFailure expected)
    {
        await using var peer = FakeDistributionPeer.Start(async s =>
        {
            await s.ReceiveNameAndAnswerAsync(status);
            s.Close();
        });

        Assert.Equal(expected, await ConnectFailureAsync(peer));
    }

    [Fact]
    public async Task A_tls_alert_in_answer_to_our_name_means_the_peer_expects_tls()
    {
        await using var peer = FakeDistributionPeer.Start(async s =>
        {
            await s.ReadPacket2Async();
            await s.WriteRawAsync([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x32]); // fatal decode_error alert
            s.Close();
        });

        Assert.Equal(ConnectFailure.PeerExpectsTls, await ConnectFailureAsync(peer));
    }

    [Fact]
    public async Task A_close_before_any_status_means_the_peer_expects_tls()
    {
        await using var peer = FakeDistributionPeer.Start(async s =>
        {
            await s.ReadPacket2Async();
            s.Close();
        });

        Assert.Equal(ConnectFailure.PeerExpectsTls, await ConnectFailureAsync(peer));
    }

    [Fact]
    public async Task A_silent_peer_is_a_handshake_timeout()
    {
        await using var peer = FakeDistributionPeer.Start(s => s.DrainUntilClosedAsync());

        // The timeout also bounds the EPMD lookup and the connect before the silence: with 300 ms,
        // a loaded machine turned a late connect to the fake EPMD into EpmdUnreachable.
        Assert.Equal(ConnectFailure.HandshakeTimeout, await ConnectFailureAsync(peer, o => o with { HandshakeTimeout = TimeSpan.FromSeconds(3) }));
    }

    [Fact]
    public async Task A_peer_that_closes_after_our_digest_means_a_wrong_cookie()
    {
        await using var peer = FakeDistributionPeer.Start(s => s.AcceptHandshakeAsync("their-other-cookie"));

        Assert.Equal(ConnectFailure.WrongCookie, await ConnectFailureAsync(peer));
    }

    [Fact]
    public async Task A_peer_that_does_not_know_our_cookie_is_caught_by_its_digest()
    {
        await using var peer = FakeDistributionPeer.Start(async s =>
        {
            await s.AcceptHandshakeAsync(Cookie, corruptAck: true);
            await s.DrainUntilClosedAsync();
        });

        Assert.Equal(ConnectFailure.WrongCookie, await ConnectFailureAsync(peer));
    }

    [Fact]
    public async Task A_peer_without_mandatory_flags_is_refused()
    {
        await using var peer = FakeDistributionPeer.Start(async s =>
        {
            await s.AcceptHandshakeAsync(Cookie, flags: FakeDistributionPeer.Otp25Flags & ~(DistributionFlags.MapTag | DistributionFlags.Mandatory25Digest));
            await s.DrainUntilClosedAsync();
        });

        Assert.Equal(ConnectFailure.NotAllowed, await ConnectFailureAsync(peer));
    }

    [Fact]
    public async Task A_peer_answering_under_another_name_is_refused()
    {
        await using var peer = FakeDistributionPeer.Start(async s =>
        {
            await s.AcceptHandshakeAsync(Cookie, claimedName: "impostor@127.0.0.1");
            await s.DrainUntilClosedAsync();
        });

        Assert.Equal(ConnectFailure.ProtocolError, await ConnectFailureAsync(peer));
    }

    [Fact]
    public async Task Epmd_that_does_not_listen_is_EpmdUnreachable()
    {
        await using var node = new ErlangNode(new ErlangNodeOptions { NodeName = "us@127.0.0.1", Cookie = Cookie, EpmdPort = LocalPorts.Next() });

        var e = await Assert.ThrowsAsync<DistributionConnectException>(() => node.ConnectAsync("nobody@127.0.0.1"));

        Assert.Equal(ConnectFailure.EpmdUnreachable, e.Failure);
    }

    [Fact]
    public async Task Ticks_are_answered_and_a_scripted_reply_completes_a_call()
    {
        var answered = new TaskCompletionSource<byte[]>();
        await using var peer = FakeDistributionPeer.Start(async s =>
        {
            await s.AcceptHandshakeAsync(Cookie);
            await s.WriteFrameAsync([]);
            answered.TrySetResult(await s.ReadFrameAsync());

            // Our call: MONITOR_P then REG_SEND {'$gen_call', {From, Ref}, Req}; answer it by SEND_SENDER.
            var monitor = DistributionMessage.Parse(await s.ReadFrameAsync());
            var call = DistributionMessage.Parse(await s.ReadFrameAsync());
            Assert.Equal(ControlOp.MonitorP, monitor.Op);
            Assert.Equal(ControlOp.RegSend, call.Op);
            var from = Assert.IsType<ErlTuple>(Assert.IsType<ErlTuple>(call.Payload)[1]);
            var theirPid = new ErlPid(Erl.Atom(s.NodeName), 77, 0, 0x6b08c712);
            using var reply = DistributionMessage.Encode(ControlMessages.SendSender(theirPid, (ErlPid)from[0]), Erl.Tuple(from[1], Erl.Atom("pong")));
            await s.WriteRawAsync(reply.Bytes.ToArray());
            await s.DrainUntilClosedAsync();
        });
        await using var node = NewNode(peer);
        var connection = await node.ConnectAsync(peer.NodeName, "127.0.0.1");

        Assert.Empty(await answered.Task.WaitAsync(Patience));
        Assert.Equal(Erl.Atom("pong"), await connection.CallAsync(Erl.Atom("srv"), Erl.Atom("ping"), Patience));
    }

    public static TheoryData<string, string> HostileFrames()
    {
        var pid = new ErlPid(Erl.Atom("fake@127.0.0.1"), 1, 0, 1);
        using var sendWithoutMessage = DistributionMessage.Encode(ControlMessages.Send(pid), null);
        using var monitorWithPayload = DistributionMessage.Encode(ControlMessages.MonitorP(pid, Erl.Atom("x"), new ErlRef(Erl.Atom("fake@127.0.0.1"), 1, [1, 2, 3])), Erl.Atom("extra"));
        using var wrongArity = DistributionMessage.Encode(Erl.Tuple(22, pid), Erl.Atom("msg"));
        using var wrongFieldType = DistributionMessage.Encode(Erl.Tuple(22, pid, Erl.Atom("not_a_pid")), Erl.Atom("msg"));
        return new TheoryData<string, string>
        {
            { "not a pass-through message", "0000000568656c6c6f" },
            { "longer than MaxPacketSize", "7fffffff70" },
            { "truncated control tuple", "00000004708368ff" },
            { "control is not a tuple", "0000000370836a" },
            { "atom cache header inside 'p'", "00000003708344" },
            { "distribution header instead of 'p'", "000000028344" },
            { "bad message term", "000000097083680161028364ff" },
            { "send without its message", Convert.ToHexString(sendWithoutMessage.Bytes.Span) },
            { "monitor with a payload", Convert.ToHexString(monitorWithPayload.Bytes.Span) },
            { "wrong arity", Convert.ToHexString(wrongArity.Bytes.Span) },
            { "wrong field type", Convert.ToHexString(wrongFieldType.Bytes.Span) },
        };
    }

    [Theory]
    [MemberData(nameof(HostileFrames))]
    public async Task Hostile_frames_close_that_connection_with_a_protocol_error_and_fail_its_callers(string what, string hex)
    {
        var hostileSent = new TaskCompletionSource();
        await using var peer = FakeDistributionPeer.Start(async s =>
        {
            await s.AcceptHandshakeAsync(Cookie);
            await s.ReadFrameAsync(); // our MONITOR_P: the call is pending
            await s.WriteRawAsync(Convert.FromHexString(hex));
            hostileSent.TrySetResult();
            await s.DrainUntilClosedAsync();
        });
        await using var node = NewNode(peer, o => o with { MaxPacketSize = 1 << 16 });
        var connection = await node.ConnectAsync(peer.NodeName, "127.0.0.1");

        var e = await Assert.ThrowsAsync<GenCallException>(() => connection.CallAsync(Erl.Atom("srv"), Erl.Atom("ping"), TimeSpan.FromSeconds(30)));

        Assert.Equal(GenCallFailure.NoConnection, e.Failure);
        Assert.StartsWith("protocol error", await connection.Closed.WaitAsync(Patience));
        Assert.Contains(_logs.Entries, l => l.Level == LogLevel.Warning && l.Category == "Transport" && l.Message.StartsWith("Protocol error", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Entries, l => l.Level >= LogLevel.Error);
        // The peer's write completes on its own thread, possibly after we saw the close: await it, never peek.
        var finished = await Task.WhenAny(hostileSent.Task, Task.Delay(Patience));
        Assert.True(finished == hostileSent.Task, $"the peer never finished sending the {what} frame");

        // The node itself is fine: a new connection is opened on demand.
        var again = await node.ConnectAsync(peer.NodeName, "127.0.0.1");
        Assert.NotSame(connection, again);
        Assert.True(again.IsConnected);
    }

    [Fact]
    public async Task Unknown_operations_are_logged_and_ignored()
    {
        await using var peer = FakeDistributionPeer.Start(async s =>
        {
            await s.AcceptHandshakeAsync(Cookie);
            using var unknown = DistributionMessage.Encode(Erl.Tuple(99, Erl.Atom("future")), null);
            await s.WriteRawAsync(unknown.Bytes.ToArray());
            using var groupLeader = DistributionMessage.Encode(Erl.Tuple(7, new ErlPid(Erl.Atom(s.NodeName), 1, 0, 1), new ErlPid(Erl.Atom(s.NodeName), 2, 0, 1)), null);
            await s.WriteRawAsync(groupLeader.Bytes.ToArray());
            await s.WriteFrameAsync([]);
            await s.DrainUntilClosedAsync();
        });
        await using var node = NewNode(peer);
        var connection = await node.ConnectAsync(peer.NodeName, "127.0.0.1");

        await _logs.WaitForAsync(l => l.Message.Contains("unknown distribution operation 99", StringComparison.OrdinalIgnoreCase), Patience);

        Assert.True(connection.IsConnected);
    }

    private async Task<ConnectFailure> ConnectFailureAsync(FakeDistributionPeer peer, Func<ErlangNodeOptions, ErlangNodeOptions>? configure = null)
    {
        await using var node = NewNode(peer, configure);
        var e = await Assert.ThrowsAsync<DistributionConnectException>(() => node.ConnectAsync(peer.NodeName, "127.0.0.1"));
        Assert.DoesNotContain(Cookie, e.ToString());
        Assert.DoesNotContain(Cookie, _logs.AllText);
        return e.Failure;
    }

    private ErlangNode NewNode(FakeDistributionPeer peer, Func<ErlangNodeOptions, ErlangNodeOptions>? configure = null)
    {
        // The scripts answer at once; a loaded machine must not turn their answer into a timeout
        // (only A_silent_peer_is_a_handshake_timeout expects one, with a shorter timeout of its own).
        var options = new ErlangNodeOptions
        {
            NodeName = NodeName.CreateUnique(host: "127.0.0.1").FullName,
            Cookie = Cookie,
            EpmdPort = peer.EpmdPort,
            HandshakeTimeout = TimeSpan.FromSeconds(30),
        };
        return new ErlangNode(configure is null ? options : configure(options), _logs);
    }
}
