using EsdbGater.TestKit;
using EsdbGater.TestKit.Beam;
using EsdbGater.TestKit.ExesdbDev;

namespace EsdbGater.Erlang.Tests.Hygiene;

/// <summary>
/// Each kind of BEAM node the test kit starts halts by itself once its standard input closes, as
/// the kernel closes it when the test process dies; this closes it from here, with the test
/// process alive, so the node's own watchdog is the only thing that can end it.
/// </summary>
[Collection(HygieneCollection.Name)]
public sealed class BeamLifelineTests
{
    private const string HaltLine = "esdbgater_lifeline: standard input closed, halting";
    private static readonly TimeSpan HaltsWithin = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(BeamProgram.Erl, BeamRuntime.Otp25Host)]
    [InlineData(BeamProgram.Elixir, BeamRuntime.Otp25Host)]
    [InlineData(BeamProgram.Erl, BeamRuntime.Otp27Chroot)]
    [InlineData(BeamProgram.Elixir, BeamRuntime.Otp27Chroot)]
    public async Task A_beam_node_halts_when_its_input_closes(BeamProgram program, BeamRuntime runtime)
    {
        await using var node = await BeamNode.StartAsync(new BeamNodeOptions { Program = program, Runtime = runtime });

        node.ManagedProcess.CloseStandardInput();

        Assert.Equal(0, await node.ManagedProcess.WaitForExitAsync(HaltsWithin));
        Assert.Contains(HaltLine, node.Output.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BeamRuntime.Otp25Host)]
    [InlineData(BeamRuntime.Otp27Chroot)]
    public async Task A_development_node_halts_when_its_input_closes(BeamRuntime runtime)
    {
        await using var cluster = await DevCluster.StartAsync(new DevClusterOptions { Runtime = runtime });
        var run = cluster.Nodes[0].CurrentRun;

        run.CloseStandardInput();

        Assert.Equal(0, await run.WaitForExitAsync(HaltsWithin));
        Assert.Contains(HaltLine, run.Output.Text, StringComparison.Ordinal);
    }
}
