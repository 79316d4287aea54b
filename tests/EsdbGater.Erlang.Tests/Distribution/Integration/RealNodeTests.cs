using System.Diagnostics;
using System.Numerics;
using EsdbGater.Erlang.Distribution;
using EsdbGater.Erlang.Distribution.Epmd;
using EsdbGater.Erlang.Distribution.Handshake;
using EsdbGater.Erlang.Tests.Distribution.Support;
using EsdbGater.Erlang.Terms;
using EsdbGater.TestKit.Beam;
using Xunit.Abstractions;

namespace EsdbGater.Erlang.Tests.Distribution.Integration;

/// <summary>
/// Our hidden node against a real BEAM node running echo_server and probe_helper; one node per
/// runtime is shared by the class, each test connects afresh under a unique name.
/// </summary>
public abstract class RealNodeTests<TFixture>(TFixture fixture, ITestOutputHelper output) : IAsyncLifetime
    where TFixture : PeerNodeFixture
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly RecordingLoggerFactory _logs = new();
    private ErlangNode _node = null!;
    private NodeConnection _connection = null!;

    private BeamNode Peer => fixture.Node;

    public async Task InitializeAsync()
    {
        _node = TestNodes.Create(Peer, _logs);
        _connection = await _node.ConnectAsync(Peer);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Assert.DoesNotContain(Peer.Cookie, _logs.AllText);
    }

    [Fact]
    public async Task Epmd_reports_the_nodes_port_and_refuses_unknown_names()
    {
        var entry = await EpmdClient.LookupAsync(System.Net.IPAddress.Loopback, Peer.EpmdPort, Peer.Alive, Patience);

        Assert.Equal(Peer.DistributionPort, entry.Port);
        Assert.True(entry.SupportsVersion6);
        var e = await Assert.ThrowsAsync<DistributionConnectException>(() => EpmdClient.LookupAsync(System.Net.IPAddress.Loopback, Peer.EpmdPort, "nobody_here", Patience));
        Assert.Equal(ConnectFailure.NotRegistered, e.Failure);
    }

    [Fact]
    public async Task Handshake_makes_a_hidden_connection_with_the_flags_we_need()
    {
        Assert.True(_connection.IsConnected);
        Assert.Equal(Peer.NodeName, _connection.RemoteNode.Name);
        var negotiated = (DistributionFlags)_connection.NegotiatedFlags;
        Assert.Equal(DistributionFlagSets.RequiredOfPeer, negotiated & DistributionFlagSets.RequiredOfPeer);
        Assert.Equal(DistributionFlags.None, negotiated & (DistributionFlags.Published | DistributionFlags.Spawn));

        var hidden = await _connection.RpcAsync("erlang", "nodes", [Erl.Atom("hidden")], Patience);
        var visible = await _connection.RpcAsync("erlang", "nodes", [], Patience);
        Assert.Contains(_node.Name, Assert.IsType<ErlList>(hidden).Elements);
        Assert.DoesNotContain(_node.Name, Assert.IsType<ErlList>(visible).Elements);
    }

    [Fact]
    public async Task A_second_connect_returns_the_live_connection()
    {
        Assert.Same(_connection, await _node.ConnectAsync(Peer));
    }

    [Fact]
    public async Task Concurrent_first_connects_share_one_connection()
    {
        await using var fresh = TestNodes.Create(Peer);

        var connections = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => fresh.ConnectAsync(Peer)));

        Assert.Single(connections.Distinct());
    }

    [Fact]
    public async Task Wrong_cookie_is_rejected_with_WrongCookie_and_never_echoed()
    {
        var logs = new RecordingLoggerFactory();
        await using var intruder = new ErlangNode(TestNodes.OptionsFor(Peer, cookie: "not-the-cookie-123"), logs);

        var e = await Assert.ThrowsAsync<DistributionConnectException>(() => intruder.ConnectAsync(Peer));

        Assert.Equal(ConnectFailure.WrongCookie, e.Failure);
        Assert.DoesNotContain("not-the-cookie-123", e.ToString());
        Assert.DoesNotContain("not-the-cookie-123", logs.AllText);
    }

    [Fact]
    public async Task A_node_missing_from_epmd_is_NotRegistered()
    {
        var e = await Assert.ThrowsAsync<DistributionConnectException>(() => _node.ConnectAsync("nobody_here@" + Peer.Host, "127.0.0.1"));

        Assert.Equal(ConnectFailure.NotRegistered, e.Failure);
    }

    [Fact]
    public async Task Echo_server_answers_calls_by_name_and_pid_and_keeps_casts()
    {
        var (name, pid) = await StartEchoAsync();

        Assert.Equal(Erl.Tuple(ErlAtom.Ok, Erl.Binary("hi")), await _connection.CallAsync(name, Erl.Tuple(Erl.Atom("echo"), "hi"), Patience));
        Assert.Equal(Erl.Tuple(ErlAtom.Ok, 42), await _connection.CallAsync(pid, Erl.Tuple(Erl.Atom("echo"), 42), Patience));
        Assert.Equal(Erl.Tuple(ErlAtom.Ok, 7), await _connection.CallAsync(Erl.Tuple(name, _connection.RemoteNode), Erl.Tuple(Erl.Atom("echo"), 7), Patience));

        await _connection.CastAsync(name, Erl.Tuple(Erl.Atom("put"), Erl.Atom("k"), 1.5));

        Assert.Equal(Erl.Map((Erl.Atom("k"), 1.5)), await _connection.CallAsync(name, Erl.Atom("get_state"), Patience));
    }

    [Fact]
    public async Task Monitored_server_that_stops_sends_DOWN_normal()
    {
        var (name, _) = await StartEchoAsync();
        await using var mailbox = _node.CreateMailbox();
        var monitor = await _connection.MonitorAsync(mailbox, name);

        Assert.Equal(Erl.Atom("stopped"), await _connection.CallAsync(name, Erl.Atom("stop"), Patience));

        var down = await mailbox.ReceiveAsync(Patience);
        Assert.Equal(Erl.Tuple(Erl.Atom("DOWN"), monitor, Erl.Atom("process"), Erl.Tuple(name, _connection.RemoteNode), Erl.Atom("normal")), down);
    }

    [Fact]
    public async Task Calling_an_unregistered_name_fails_at_once_with_noproc()
    {
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<GenCallException>(() => _connection.CallAsync(Erl.Atom("no_such_server"), Erl.Atom("hello"), TimeSpan.FromSeconds(30)));

        Assert.Equal(GenCallFailure.Down, e.Failure);
        Assert.Equal(Erl.Atom("noproc"), e.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_slow_call_times_out_and_its_late_reply_is_dropped()
    {
        var (name, _) = await StartEchoAsync();
        var tag = Erl.Binary(Guid.NewGuid().ToString("N"));

        // The server holds this call until released: it times out however slow the machine is.
        var e = await Assert.ThrowsAsync<GenCallException>(() => _connection.CallAsync(name, Erl.Tuple(Erl.Atom("hold"), tag), TimeSpan.FromMilliseconds(100)));
        Assert.Equal(GenCallFailure.Timeout, e.Failure);

        // The next call queues behind the held one, whose late 'released' reply therefore
        // arrives while this call waits, and must not be taken for its answer.
        var next = _connection.CallAsync(name, Erl.Tuple(Erl.Atom("echo"), 1), Patience);
        await _connection.RpcAsync("erlang", "send", [name, Erl.Tuple(Erl.Atom("release"), tag)], Patience);
        Assert.Equal(Erl.Tuple(ErlAtom.Ok, 1), await next);
        Assert.True(_connection.IsConnected);
    }

    [Fact]
    public async Task Rpc_errors_come_back_as_badrpc()
    {
        var result = await _connection.RpcAsync("erlang", "error", [Erl.Atom("boom")], Patience);

        var badrpc = Assert.IsType<ErlTuple>(result);
        Assert.Equal(Erl.Atom("badrpc"), badrpc[0]);
        Assert.Equal(Erl.Atom("EXIT"), Assert.IsType<ErlTuple>(badrpc[1])[0]);
    }

    [Theory]
    [InlineData("mkfun")]
    [InlineData("bits")]
    [InlineData("big_tuple")]
    [InlineData("utf8_atom")]
    [InlineData("improper")]
    [InlineData("neg")]
    [InlineData("bignums")]
    [InlineData("floats")]
    [InlineData("strings")]
    [InlineData("map")]
    [InlineData("export")]
    [InlineData("compressed")]
    [InlineData("port")]
    [InlineData("ref")]
    [InlineData("pid")]
    [InlineData("binaries")]
    public async Task Every_term_kind_decodes_and_goes_back_unchanged(string probe)
    {
        var term = await _connection.RpcAsync("probe_helper", probe, [], Patience);

        AssertShape(probe, term);
        Assert.Equal(ErlAtom.True, await _connection.RpcAsync("probe_helper", "same", [Erl.Atom(probe), term], Patience));
    }

    [Fact]
    public async Task The_peers_own_call_to_our_rex_gets_an_application_list_without_swarm()
    {
        var result = await _connection.RpcAsync("probe_helper", "call_us", [_node.Name], Patience);

        var apps = Assert.IsType<ErlList>(result);
        var names = apps.Elements.Select(a => Assert.IsType<ErlTuple>(a)[0]).ToList();
        Assert.Contains(Erl.Atom("kernel"), names);
        Assert.DoesNotContain(Erl.Atom("swarm"), names);
        Assert.All(apps.Elements, a => Assert.True(Assert.IsType<ErlList>(((ErlTuple)a)[1]).TryGetString(out _)));
        var printed = await Peer.WaitForOutputAsync("CALL_US ", Patience);
        Assert.Contains("{kernel,", printed);
    }

    [Fact]
    public async Task The_peers_rpc_call_to_us_never_hangs()
    {
        // OTP 25+ tries erpc (SPAWN, which we do not offer) and gets {badrpc, notsup}; an OTP
        // that falls back to rex gets the list. Either way it answers within its timeout.
        var result = await _connection.RpcAsync("probe_helper", "rpc_us", [_node.Name], Patience);
        output.WriteLine($"{fixture.Runtime}: rpc:call to us returned {result}");

        Assert.True(result is ErlList || result is ErlTuple { Arity: 2 } t && t[0].Equals(Erl.Atom("badrpc")) && !t[1].Equals(Erl.Atom("timeout")), $"got {result}");
    }

    [Fact]
    public async Task The_c_node_rex_form_is_answered_with_a_badrpc()
    {
        var result = await _connection.RpcAsync("probe_helper", "cnode_rex_us", [_node.Name], Patience);

        Assert.Equal(Erl.Atom("badrpc"), Assert.IsType<ErlTuple>(result)[0]);
    }

    [Fact]
    public async Task Remote_monitors_on_our_mailbox_get_DOWN_normal_when_it_is_disposed()
    {
        var name = "watched_" + Guid.NewGuid().ToString("N")[..8];
        var tag = Guid.NewGuid().ToString("N")[..8];
        var mailbox = _node.CreateMailbox(name);
        await _connection.RpcAsync("probe_helper", "watch", [Erl.Binary(tag + "_name"), Erl.Tuple(Erl.Atom(name), _node.Name)], Patience);
        await _connection.RpcAsync("probe_helper", "watch", [Erl.Binary(tag + "_pid"), mailbox.Self], Patience);
        await _connection.RpcAsync("probe_helper", "watch", [Erl.Binary(tag + "_unknown"), Erl.Tuple(Erl.Atom("nobody_" + tag), _node.Name)], Patience);
        Assert.Contains($"WATCH_DOWN {tag}_unknown noproc", await Peer.WaitForOutputAsync($"WATCH_DOWN {tag}_unknown", Patience));

        await mailbox.DisposeAsync();

        Assert.EndsWith("normal", await Peer.WaitForOutputAsync($"WATCH_DOWN {tag}_name", Patience));
        Assert.EndsWith("normal", await Peer.WaitForOutputAsync($"WATCH_DOWN {tag}_pid", Patience));
    }

    [Fact]
    public async Task Links_carry_exits_both_ways_and_unlink_is_acknowledged()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (name, pid) = await StartEchoAsync();
        var mailbox = _node.CreateMailbox();

        // Their process links to us; after it unlinked again our death must not reach it.
        await _connection.RpcAsync("probe_helper", "link_watch", [Erl.Binary(tag + "_linked"), mailbox.Self], Patience);
        await _connection.RpcAsync("probe_helper", "link_unlink", [Erl.Binary(tag + "_unlinked"), mailbox.Self], Patience);

        // We link to their server; it stops and the exit reaches us.
        await _connection.LinkAsync(mailbox, Assert.IsType<ErlPid>(pid));
        await _connection.CallAsync(name, Erl.Atom("stop"), Patience);
        Assert.Equal(Erl.Tuple(Erl.Atom("EXIT"), pid, Erl.Atom("normal")), await mailbox.ReceiveAsync(Patience));

        await mailbox.DisposeAsync();

        Assert.EndsWith("normal", await Peer.WaitForOutputAsync($"LINK_EXIT {tag}_linked", Patience));
        Assert.EndsWith("none", await Peer.WaitForOutputAsync($"UNLINKED_EXIT {tag}_unlinked", Patience));
    }

    [Fact]
    public async Task Messages_reach_registered_mailboxes_and_pids()
    {
        await using var named = _node.CreateMailbox("inbox_" + Guid.NewGuid().ToString("N")[..8]);
        await using var plain = _node.CreateMailbox();

        await _connection.RpcAsync("erlang", "send", [Erl.Tuple(named.RegisteredName!, _node.Name), Erl.Atom("by_name")], Patience);
        await _connection.RpcAsync("erlang", "send", [plain.Self, Erl.Tuple(Erl.Atom("by_pid"), 1)], Patience);

        Assert.Equal(Erl.Atom("by_name"), await named.ReceiveAsync(Patience));
        Assert.Equal(Erl.Tuple(Erl.Atom("by_pid"), 1), await plain.ReceiveAsync(Patience));
    }

    private async Task<(ErlAtom Name, ErlangTerm Pid)> StartEchoAsync()
    {
        var name = Erl.Atom("echo_" + Guid.NewGuid().ToString("N")[..8]);
        var started = Assert.IsType<ErlTuple>(await _connection.RpcAsync("echo_server", "start", [name], Patience));
        Assert.Equal(ErlAtom.Ok, started[0]);
        return (name, started[1]);
    }

    private static void AssertShape(string probe, ErlangTerm term)
    {
        switch (probe)
        {
            case "mkfun":
                Assert.Equal(1, Assert.IsType<ErlFun>(term).Arity);
                break;
            case "bits":
                Assert.Equal(new ErlBitBinary(new byte[] { 0xe0 }, 3), term);
                break;
            case "big_tuple":
                var big = Assert.IsType<ErlTuple>(term);
                Assert.Equal(300, big.Arity);
                Assert.Equal(Erl.Int(300), big[299]);
                break;
            case "utf8_atom":
                Assert.Equal("héllo_ü", Assert.IsType<ErlAtom>(term).Name);
                break;
            case "improper":
                var improper = Assert.IsType<ErlList>(term);
                Assert.False(improper.IsProper);
                Assert.Equal(Erl.Atom("b"), improper.Tail);
                break;
            case "neg":
                Assert.Equal(Erl.Tuple(-1, -300, -5000000000, 3.5e-300), term);
                break;
            case "bignums":
                var bignums = Assert.IsType<ErlTuple>(term);
                Assert.Equal(BigInteger.One << 100, Assert.IsType<ErlInteger>(bignums[0]).Value);
                Assert.Equal(-(BigInteger.One << 100), Assert.IsType<ErlInteger>(bignums[1]).Value);
                Assert.Equal(BigInteger.One << 2100, Assert.IsType<ErlInteger>(bignums[2]).Value);
                break;
            case "floats":
                Assert.Equal(Math.PI, Assert.IsType<ErlFloat>(Assert.IsType<ErlTuple>(term)[0]).Value);
                break;
            case "strings":
                var strings = Assert.IsType<ErlTuple>(term);
                Assert.Equal(Erl.List(1, 2, 3), strings[0]);
                Assert.Equal(70000, Assert.IsType<ErlList>(strings[3]).Count);
                break;
            case "map":
                Assert.Equal(1.5, Assert.IsType<ErlFloat>(Assert.IsType<ErlMap>(term)["k"]).Value);
                break;
            case "export":
                Assert.Equal(new ErlExport(Erl.Atom("lists"), Erl.Atom("seq"), 2), term);
                break;
            case "compressed":
                var inflated = TermDecoder.Decode(Assert.IsType<ErlBinary>(term).Bytes.Span);
                Assert.Equal(ErlList.Of([.. Enumerable.Repeat<ErlangTerm>(0, 100)]), inflated);
                break;
            case "port":
                Assert.IsType<ErlPort>(term);
                break;
            case "ref":
                Assert.IsType<ErlRef>(term);
                break;
            case "pid":
                Assert.IsType<ErlPid>(term);
                break;
            case "binaries":
                Assert.Equal(300000, Assert.IsType<ErlBinary>(Assert.IsType<ErlTuple>(term)[2]).Bytes.Length);
                break;
            default:
                Assert.Fail("no shape check for " + probe);
                break;
        }
    }
}

public sealed class Otp25RealNodeTests(Otp25PeerFixture fixture, ITestOutputHelper output) : RealNodeTests<Otp25PeerFixture>(fixture, output), IClassFixture<Otp25PeerFixture>;

public sealed class Otp27RealNodeTests(Otp27PeerFixture fixture, ITestOutputHelper output) : RealNodeTests<Otp27PeerFixture>(fixture, output), IClassFixture<Otp27PeerFixture>;
