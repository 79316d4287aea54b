using System.Diagnostics;
using EsdbGater.Erlang.Tests.Distribution.Support;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Tests.Distribution.Integration;

/// <summary>Against a node with net_ticktime 4: it ticks every second and drops a peer silent for about 4-5 s.</summary>
public abstract class TickTests<TFixture>(TFixture fixture)
    where TFixture : PeerNodeFixture
{
    [Fact]
    public async Task Answering_ticks_keeps_the_connection_and_silence_loses_it()
    {
        var peer = fixture.Node;
        await using var answering = TestNodes.Create(peer);
        await using var silent = TestNodes.Create(peer, configure: o => o with { AnswerTicks = false });
        var live = await answering.ConnectAsync(peer);

        // Started before the handshake, whose last bytes start the BEAM's silence count: a slow
        // machine can only lengthen what is measured, never shorten it below the tick timeout.
        var clock = Stopwatch.StartNew();
        var mute = await silent.ConnectAsync(peer);

        // The BEAM hears nothing from the silent one and closes it (net_tick_timeout).
        var reason = await mute.Closed.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("the peer closed the connection", reason);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(12));

        // Elapsed time is the point here: stay idle for six of the peer's tick periods in total.
        var rest = TimeSpan.FromSeconds(6) - clock.Elapsed;
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest);
        }

        Assert.True(live.IsConnected);
        Assert.Equal(Erl.Atom(peer.NodeName), await live.RpcAsync("erlang", "node", [], TimeSpan.FromSeconds(5)));
    }
}

public sealed class Otp25TickTests(Otp25FastTickFixture fixture) : TickTests<Otp25FastTickFixture>(fixture), IClassFixture<Otp25FastTickFixture>;

public sealed class Otp27TickTests(Otp27FastTickFixture fixture) : TickTests<Otp27FastTickFixture>(fixture), IClassFixture<Otp27FastTickFixture>;
