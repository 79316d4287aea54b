using EsdbGater.Erlang.Tests.Distribution.Support;
using EsdbGater.Erlang.Terms;
using EsdbGater.TestKit;
using EsdbGater.TestKit.Beam;

namespace EsdbGater.Erlang.Tests.Distribution.Integration;

/// <summary>An Elixir GenServer (Elixir 1.14 on OTP 25, 1.18 on OTP 27), started with the launcher's elixir mode and short names.</summary>
public sealed class ElixirPeerTests
{
    private const string Server = """
        defmodule Pong do
          use GenServer
          def init(state), do: {:ok, state}
          def handle_call(message, _from, state), do: {:reply, {:pong, System.version(), message}, state}
        end
        {:ok, _} = GenServer.start(Pong, nil, name: Pong)
        """;

    [Theory]
    [InlineData(BeamRuntime.Otp25Host, "1.14")]
    [InlineData(BeamRuntime.Otp27Chroot, "1.18")]
    public async Task An_elixir_genserver_answers_our_call(BeamRuntime runtime, string elixirVersion)
    {
        await using var peer = await BeamNode.StartAsync(new BeamNodeOptions { Runtime = runtime, Program = BeamProgram.Elixir, NameMode = BeamNameMode.Short, Eval = Server });
        await using var node = TestNodes.Create(peer);
        var connection = await node.ConnectAsync(peer);

        var reply = Assert.IsType<ErlTuple>(await connection.CallAsync(Erl.Atom("Elixir.Pong"), Erl.Map((Erl.Atom("a"), 1)), TimeSpan.FromSeconds(10)));

        Assert.Equal(Erl.Atom("pong"), reply[0]);
        Assert.True(Assert.IsType<ErlBinary>(reply[1]).TryGetUtf8(out var version));
        Assert.StartsWith(elixirVersion, version);
        Assert.Equal(Erl.Map((Erl.Atom("a"), 1)), reply[2]);
    }
}
