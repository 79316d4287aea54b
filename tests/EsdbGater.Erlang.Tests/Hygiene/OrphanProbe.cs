using System.Globalization;
using System.Runtime.InteropServices;
using EsdbGater.TestKit;
using EsdbGater.TestKit.Beam;
using EsdbGater.TestKit.ExesdbDev;
using EsdbGater.TestKit.Processes;
using EsdbGater.TestKit.RabbitMq;

namespace EsdbGater.Erlang.Tests.Hygiene;

/// <summary>
/// The program side of the hygiene tests: a test process in miniature (run through <see cref="StartupHook"/>)
/// that starts real processes through the test kit, reports each with its PID and start time
/// (<c>PROBE process PID START LABEL</c>), prints <see cref="ReadyLine"/>, and then waits to be killed, as a
/// test host does that a runner kills or that crashes. It never disposes what it started.
/// </summary>
internal static class OrphanProbe
{
    public const string ScenarioVariable = "ESDBGATER_ORPHAN_PROBE";
    public const string ReportPrefix = "PROBE process ";
    public const string ReadyLine = "PROBE READY";
    public const string FailedPrefix = "PROBE FAILED ";

    /// <summary>Labels of BEAM nodes start with this; the test checks they run the watchdog.</summary>
    public const string NodeLabel = "node";

    private const int SigStop = 19;

    public static void Run(OrphanProbeScenario scenario)
    {
        int exitCode;
        try
        {
            foreach (var (label, process) in StartAsync(scenario).GetAwaiter().GetResult())
            {
                Report(label, process.ProcessId);
                Report("watcher of " + label, process.WatcherProcessId ?? throw new InvalidOperationException($"{label} has no watcher."));
            }

            Console.WriteLine(ReadyLine);
            if (scenario != OrphanProbeScenario.ExitWithoutDispose)
            {
                // Killed here. Were the test process to die first instead, our input would close and we would exit.
                Console.In.ReadToEnd();
            }

            exitCode = 0;
        }
        catch (Exception e)
        {
            Console.WriteLine(FailedPrefix + e.ToString().ReplaceLineEndings(" | "));
            exitCode = 1;
        }

        // Runs the process-exit handlers (the test kit's last-chance stop), as the end of a test run does.
        Environment.Exit(exitCode);
    }

    private static async Task<List<(string Label, ManagedProcess Process)>> StartAsync(OrphanProbeScenario scenario) => scenario switch
    {
        OrphanProbeScenario.BeamNodes => await BeamNodesAsync(),
        OrphanProbeScenario.DevClusters => await DevClustersAsync(),
        OrphanProbeScenario.RabbitMq => await RabbitMqAsync(),
        OrphanProbeScenario.ExitWithoutDispose => Describe(await BeamNode.StartAsync(new BeamNodeOptions()), "erl Otp25Host"),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    private static async Task<List<(string, ManagedProcess)>> BeamNodesAsync()
    {
        (BeamProgram Program, BeamRuntime Runtime)[] launches =
        [
            (BeamProgram.Erl, BeamRuntime.Otp25Host),
            (BeamProgram.Elixir, BeamRuntime.Otp25Host),
            (BeamProgram.Erl, BeamRuntime.Otp27Chroot),
            (BeamProgram.Elixir, BeamRuntime.Otp27Chroot),
        ];
        var nodes = await Task.WhenAll(launches.Select(l => BeamNode.StartAsync(new BeamNodeOptions { Program = l.Program, Runtime = l.Runtime })));
        var frozen = await BeamNode.StartAsync(new BeamNodeOptions());

        // A frozen node cannot run its own watchdog: only the watcher can end it.
        if (!ChildProcessStopper.Signal(frozen.ProcessId, SigStop))
        {
            throw new InvalidOperationException($"SIGSTOP failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return
        [
            .. nodes.SelectMany((node, i) => Describe(node, $"{launches[i].Program} {launches[i].Runtime}")),
            .. Describe(frozen, "erl Otp25Host frozen"),
        ];
    }

    private static async Task<List<(string, ManagedProcess)>> DevClustersAsync()
    {
        var clusters = await Task.WhenAll(
            new[] { BeamRuntime.Otp25Host, BeamRuntime.Otp27Chroot }.Select(runtime => DevCluster.StartAsync(new DevClusterOptions { Runtime = runtime })));
        return
        [
            .. clusters.SelectMany(cluster => new[]
            {
                ($"{NodeLabel} exesdb_dev {cluster.Options.Runtime}", cluster.Nodes[0].CurrentRun),
                ($"epmd of exesdb_dev {cluster.Options.Runtime}", cluster.Epmd.ManagedProcess),
            }),
        ];
    }

    private static async Task<List<(string, ManagedProcess)>> RabbitMqAsync()
    {
        var broker = await LocalRabbitMqBroker.StartAsync(RabbitMqBrokers.StartTimeout);
        return [("rabbitmq-server", broker.BrokerProcess), ("epmd of rabbitmq-server", broker.EpmdProcess)];
    }

    private static List<(string, ManagedProcess)> Describe(BeamNode node, string what) =>
        [($"{NodeLabel} {what}", node.ManagedProcess), ($"epmd of {NodeLabel} {what}", node.Epmd.ManagedProcess)];

    private static void Report(string label, int processId) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ReportPrefix}{processId} {ProcessTable.StartTime(processId)} {label}"));
}
