using System.Diagnostics;
using EsdbGater.TestKit.Processes;

namespace EsdbGater.Erlang.Tests.Hygiene;

/// <summary>
/// Runs an <see cref="OrphanProbe"/> as a child of this test process: this test assembly under
/// <c>dotnet</c>, with the startup hook switched on. Disposal stops the probe and, should any
/// process it reported still run (a failed test), kills that too by PID and start time.
/// </summary>
public sealed class OrphanProbeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private readonly ManagedProcess _probe;
    private readonly DirectoryInfo _registry;
    private readonly List<ProbedProcess> _started = [];

    private OrphanProbeProcess(ManagedProcess probe, DirectoryInfo registry)
    {
        _probe = probe;
        _registry = registry;
    }

    /// <summary>Everything the probe started and reported, watchers included.</summary>
    public IReadOnlyList<ProbedProcess> Started => _started;

    public int ProcessId => _probe.ProcessId;

    /// <summary>Completes with the probe's exit code once it has ended and been reaped.</summary>
    public Task<int> Exited => _probe.Exited;

    public static async Task<OrphanProbeProcess> StartAsync(OrphanProbeScenario scenario)
    {
        var assembly = typeof(OrphanProbe).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost(), [assembly])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_STARTUP_HOOKS"] = assembly;
        start.Environment[OrphanProbe.ScenarioVariable] = scenario.ToString();

        // Otherwise any test process starting meanwhile (another suite) may sweep the probe's orphans
        // for it, and a test whose nets failed would pass.
        var registry = Directory.CreateTempSubdirectory("esdbgater-probe-registry-");
        start.Environment[OrphanReaper.RegistryVariable] = registry.FullName;

        var probe = new OrphanProbeProcess(ManagedProcess.Start(start, $"orphan probe ({scenario})"), registry);
        try
        {
            var verdict = await probe._probe.WaitForLineAsync(line => line == OrphanProbe.ReadyLine || line.StartsWith(OrphanProbe.FailedPrefix, StringComparison.Ordinal), StartTimeout);
            probe._started.AddRange(probe._probe.Output.Text.Split('\n').Where(line => line.StartsWith(OrphanProbe.ReportPrefix, StringComparison.Ordinal)).Select(ProbedProcess.Parse));
            if (verdict != OrphanProbe.ReadyLine)
            {
                throw new InvalidOperationException($"The probe failed to start its processes. Output:\n{probe._probe.Output}");
            }

            return probe;
        }
        catch
        {
            await probe.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL for the probe alone, not its children: what a runner's kill or a crash does to a test host.</summary>
    public async Task KillAloneAsync()
    {
        using (var probe = Process.GetProcessById(_probe.ProcessId))
        {
            probe.Kill(entireProcessTree: false);
        }

        await _probe.Exited;
    }

    /// <summary>The reported processes still running (neither gone nor zombies) after <paramref name="timeout"/>, each polled against the same deadline.</summary>
    public async Task<IReadOnlyList<ProbedProcess>> SurvivorsAfterAsync(TimeSpan timeout)
    {
        var gone = await Task.WhenAll(Started.Select(p => ProcessTable.WaitUntilGoneAsync(p.ProcessId, p.StartTime, timeout)));
        return [.. Started.Where((_, i) => !gone[i])];
    }

    /// <summary>Lists processes with their state and command line, for a failure message.</summary>
    public static string Describe(IEnumerable<ProbedProcess> processes) =>
        string.Join("\n", processes.Select(p => $"{p}: {p.Name()}, state {ProcessTable.Read(p.ProcessId)?.State}"));

    public async ValueTask DisposeAsync()
    {
        await _probe.DisposeAsync();
        foreach (var leftover in Started)
        {
            ChildProcessStopper.KillOrphan(leftover.ProcessId, leftover.StartTime);
        }

        _registry.Delete(recursive: true);
    }

    // The host running this test process (the muxer), so the probe runs on the same runtime.
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileName(path) == "dotnet" ? path : "dotnet";
}
