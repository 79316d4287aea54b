using System.Diagnostics;
using EsdbGater.TestKit.Beam;
using EsdbGater.TestKit.Processes;

namespace EsdbGater.TestKit.ExesdbDev;

/// <summary>
/// One development ExESDB node of a <see cref="DevCluster"/>: a <c>bin/exesdb-dev</c> process whose
/// process id is the BEAM's own. It can be killed (SIGKILL), stopped (SIGTERM) and restarted with
/// the same name, port and data directory; the output of every run is kept for diagnostics.
/// Each run halts by itself when the test process dies (<see cref="BeamLifeline"/>, passed in
/// <c>ELIXIR_ERL_OPTIONS</c>, which <c>bin/exesdb-dev</c> hands on to <c>elixir</c> with standard input).
/// </summary>
public sealed class DevNode : IAsyncDisposable
{
    private readonly IReadOnlyList<string> _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly TimeSpan _startTimeout;
    private readonly TimeSpan _stopGrace;
    private readonly List<ManagedProcess> _runs = [];
    private readonly Lock _gate = new();

    internal DevNode(string alive, int distributionPort, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan startTimeout, TimeSpan stopGrace)
    {
        Alive = alive;
        DistributionPort = distributionPort;
        _arguments = arguments;
        _environment = environment;
        _startTimeout = startTimeout;
        _stopGrace = stopGrace;
    }

    /// <summary>The alive part of the node name.</summary>
    public string Alive { get; }

    /// <summary>The full node name the node reported (<c>alive@host</c>).</summary>
    public string NodeName => Ready?.NodeName ?? throw new InvalidOperationException($"{Alive} has not been ready yet.");

    /// <summary>The host part of <see cref="NodeName"/>.</summary>
    public string Host => NodeName[(NodeName.IndexOf('@', StringComparison.Ordinal) + 1)..];

    public int DistributionPort { get; }

    /// <summary>The readiness line of the current (or last) run.</summary>
    public DevNodeReadyLine? Ready { get; private set; }

    /// <summary>The OS process id of the current run.</summary>
    public int ProcessId => Current.ProcessId;

    /// <summary>What the current run printed.</summary>
    public OutputLog Output => Current.Output;

    /// <summary>Completes with the exit code when the current run ends.</summary>
    public Task<int> Exited => Current.Exited;

    public bool IsRunning => !Current.HasExited;

    /// <summary>Everything every run of this node printed, oldest first.</summary>
    public string AllOutput
    {
        get
        {
            lock (_gate)
            {
                return string.Join("\n", _runs.Select((run, i) => $"--- {Alive} run {i + 1} (pid {run.ProcessId}) ---\n{run.Output}"));
            }
        }
    }

    private ManagedProcess Current
    {
        get
        {
            lock (_gate)
            {
                return _runs.Count > 0 ? _runs[^1] : throw new InvalidOperationException($"{Alive} was never started.");
            }
        }
    }

    /// <summary>Starts the node (again) and waits for its readiness line.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_runs.Count > 0 && !_runs[^1].HasExited)
            {
                throw new InvalidOperationException($"{Alive} is already running (pid {_runs[^1].ProcessId}).");
            }
        }

        var start = new ProcessStartInfo(DevNodeBuild.Launcher)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var run = ManagedProcess.Start(start, $"exesdb_dev node {Alive}");
        lock (_gate)
        {
            _runs.Add(run);
        }

        Ready = await WaitUntilReadyAsync(run, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SIGKILL: the node dies at once, without a clean shutdown.</summary>
    public Task KillAsync() => Current.KillAsync();

    /// <summary>SIGTERM (a clean stop), SIGKILL after the grace period; returns when the process is gone.</summary>
    public Task StopAsync() => Current.StopAsync(_stopGrace);

    /// <summary>Stops the node if it runs, then starts it again with the same name, port and data directory.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            await StopAsync().ConfigureAwait(false);
        }

        await StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for a line of the current run that contains <paramref name="text"/>; a timeout, or the run's exit, fails with the output.</summary>
    public Task<string> WaitForOutputAsync(string text, TimeSpan timeout) =>
        Current.WaitForLineAsync(line => line.Contains(text, StringComparison.Ordinal), timeout);

    public async ValueTask DisposeAsync()
    {
        List<ManagedProcess> runs;
        lock (_gate)
        {
            runs = [.. _runs];
        }

        foreach (var run in runs)
        {
            await run.StopAsync(_stopGrace).ConfigureAwait(false);
            await run.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The current run's process, for tests of the test kit.</summary>
    internal ManagedProcess CurrentRun => Current;

    private async Task<DevNodeReadyLine> WaitUntilReadyAsync(ManagedProcess run, CancellationToken cancellationToken) =>
        DevNodeReadyLine.Parse(await run.WaitForLineAsync(DevNodeReadyLine.Matches, _startTimeout, cancellationToken).ConfigureAwait(false));
}
