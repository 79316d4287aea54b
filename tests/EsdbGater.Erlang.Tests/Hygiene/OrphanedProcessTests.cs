using System.Diagnostics;
using EsdbGater.TestKit.Processes;
using Xunit.Abstractions;

namespace EsdbGater.Erlang.Tests.Hygiene;

/// <summary>
/// A test process that dies without disposing (SIGKILL, a native crash, a runner's hang kill)
/// leaves nothing running: BEAM nodes halt on their own, EPMD and everything else is killed by
/// its watcher. And one that exits normally without disposing leaves not even zombies.
/// </summary>
[Collection(HygieneCollection.Name)]
public sealed class OrphanedProcessTests(ITestOutputHelper output)
{
    // Generous for a loaded 2-core machine: a node halts within milliseconds of its input closing.
    private static readonly TimeSpan GoneWithin = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(OrphanProbeScenario.BeamNodes)]
    [InlineData(OrphanProbeScenario.DevClusters)]
    [InlineData(OrphanProbeScenario.RabbitMq)]
    public async Task Everything_a_killed_test_process_started_is_gone_within_seconds(OrphanProbeScenario scenario)
    {
        await using var probe = await OrphanProbeProcess.StartAsync(scenario);
        Assert.Contains(probe.Started, p => p.Label.StartsWith("epmd", StringComparison.Ordinal));
        var notRunning = probe.Started.Where(p => ProcessTable.IsGone(p.ProcessId, p.StartTime)).ToList();
        Assert.True(notRunning.Count == 0, "Not running before the kill:\n" + OrphanProbeProcess.Describe(notRunning));
        var withoutWatchdog = probe.Started.Where(p => p.IsNode && !p.CommandLine().Contains("-s esdbgater_lifeline", StringComparison.Ordinal)).ToList();
        Assert.True(withoutWatchdog.Count == 0, "Nodes without the watchdog:\n" + OrphanProbeProcess.Describe(withoutWatchdog));

        var clock = Stopwatch.StartNew();
        await probe.KillAloneAsync();
        var survivors = await probe.SurvivorsAfterAsync(GoneWithin);

        Assert.True(survivors.Count == 0, $"Still running {GoneWithin.TotalSeconds} s after the probe was killed:\n{OrphanProbeProcess.Describe(survivors)}");
        output.WriteLine($"{probe.Started.Count} processes gone {clock.ElapsedMilliseconds} ms after SIGKILL of the probe");
    }

    [Fact]
    public async Task A_test_process_that_exits_without_disposing_stops_and_reaps_its_children()
    {
        await using var probe = await OrphanProbeProcess.StartAsync(OrphanProbeScenario.ExitWithoutDispose);

        Assert.Equal(4, probe.Started.Count); // the node, its EPMD and their watchers

        Assert.Equal(0, await probe.Exited.WaitAsync(TimeSpan.FromSeconds(30)));

        // Reaped by the probe before it ended: not even a zombie is left for PID 1.
        var unreaped = probe.Started.Where(p => !ProcessTable.IsReaped(p.ProcessId, p.StartTime)).ToList();
        Assert.True(unreaped.Count == 0, "Left behind:\n" + OrphanProbeProcess.Describe(unreaped));
    }
}
