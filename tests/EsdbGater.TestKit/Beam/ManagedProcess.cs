using System.Collections.Concurrent;
using System.Diagnostics;
using EsdbGater.TestKit.RabbitMq;

namespace EsdbGater.TestKit.Beam;

/// <summary>
/// A child process owned by a test: output captured, stopped by its PID (SIGTERM, then SIGKILL
/// after a grace period), killed by a process-exit safety net if the test run ends first, and
/// recorded for <see cref="OrphanReaper"/> in case the test process is killed outright.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> Live = new();
    private readonly Process _process;

    static ManagedProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var process in Live.Values)
        {
            ChildProcessStopper.KillNow(process);
        }
    };

    private ManagedProcess(Process process, string description)
    {
        _process = process;
        Description = description;
    }

    public string Description { get; }

    public int ProcessId => _process.Id;

    public OutputLog Output { get; } = new();

    /// <summary>Completes with the exit code when the process ends.</summary>
    public Task<int> Exited { get; private set; } = Task.FromResult(-1);

    public bool HasExited => Exited.IsCompleted;

    public static ManagedProcess Start(ProcessStartInfo start, string description)
    {
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var managed = new ManagedProcess(process, description);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                managed.Output.Append(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                managed.Output.Append(e.Data);
            }
        };

        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {description}.");
        }

        var pid = process.Id;
        Live[pid] = process;
        OrphanReaper.Register(pid);
        managed.Exited = process.WaitForExitAsync().ContinueWith(
            _ =>
            {
                OrphanReaper.Unregister(pid);
                return SafeExitCode(process);
            },
            TaskScheduler.Default);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>SIGKILL now, no clean shutdown (simulates a crash); returns when the process is gone.</summary>
    public async Task KillAsync()
    {
        ChildProcessStopper.KillNow(_process);
        await Exited.ConfigureAwait(false);
        Live.TryRemove(_process.Id, out _);
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>; returns when the process is gone.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        await ChildProcessStopper.StopAsync(_process, grace).ConfigureAwait(false);
        await Exited.ConfigureAwait(false);
        Live.TryRemove(_process.Id, out _);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        _process.Dispose();
    }

    private static int SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }
}
