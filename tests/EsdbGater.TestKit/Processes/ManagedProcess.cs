using System.Collections.Concurrent;
using System.Diagnostics;

namespace EsdbGater.TestKit.Processes;

/// <summary>
/// A child process owned by a test: output captured, stopped by its PID (SIGTERM, then SIGKILL
/// after a grace period) and always reaped. Three nets catch a child nobody stopped: a
/// process-exit handler kills and reaps what still runs when the test process exits; a
/// <see cref="ChildWatcher"/> kills it when the test process dies outright (SIGKILL, a native
/// crash); and <see cref="OrphanReaper"/> stops it at the next test process start if both failed.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, ManagedProcess> Live = new();
    private static readonly TimeSpan ExitReapBudget = TimeSpan.FromSeconds(5);
    private readonly Process _process;
    private ChildWatcher? _watcher;

    static ManagedProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAllBeforeExit();

    private ManagedProcess(Process process, string description)
    {
        _process = process;
        Description = description;
    }

    public string Description { get; }

    public int ProcessId { get; private set; }

    public OutputLog Output { get; } = new();

    /// <summary>Completes with the exit code when the process has ended and been reaped.</summary>
    public Task<int> Exited { get; private set; } = Task.FromResult(-1);

    public bool HasExited => Exited.IsCompleted;

    /// <summary>The watcher's PID, for tests of the test kit.</summary>
    internal int? WatcherProcessId => _watcher?.ProcessId;

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

        var pid = managed.ProcessId = process.Id;
        Live[pid] = managed;
        try
        {
            // No start time: the child has already exited (and been reaped), there is nothing left to guard.
            if (ProcessTable.StartTime(pid) is { } startTime)
            {
                OrphanReaper.Register(pid, startTime);
                managed._watcher = ChildWatcher.Start(pid, startTime);
            }
        }
        catch
        {
            ChildProcessStopper.KillNow(process);
            process.WaitForExit();
            Live.TryRemove(pid, out _);
            OrphanReaper.Unregister(pid);
            throw;
        }

        managed.Exited = managed.FollowExitAsync();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>SIGKILL now, no clean shutdown (simulates a crash); returns when the process is gone.</summary>
    public async Task KillAsync()
    {
        ChildProcessStopper.KillNow(_process);
        await Exited.ConfigureAwait(false);
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>; returns when the process is gone.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!HasExited)
        {
            await ChildProcessStopper.StopAsync(_process, grace).ConfigureAwait(false);
        }

        await Exited.ConfigureAwait(false);
    }

    /// <summary>
    /// The first printed line that matches (already printed or still to come).
    /// </summary>
    /// <exception cref="InvalidOperationException">The process exited without printing such a line; the message holds its output.</exception>
    /// <exception cref="TimeoutException">No such line within <paramref name="timeout"/>; the message holds the output.</exception>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var line = Output.WaitForLineAsync(match, deadline.Token);
        await Task.WhenAny(line, Exited).ConfigureAwait(false);

        // Every line is in Output before Exited completes, so a line printed just before the exit is found here.
        if (!line.IsCompleted)
        {
            if (Output.FirstOrDefault(match) is { } printed)
            {
                return printed;
            }

            throw new InvalidOperationException($"{Description} exited with code {await Exited.ConfigureAwait(false)} before printing the line awaited. Output:\n{Output}");
        }

        try
        {
            return await line.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Description} printed no line awaited within {timeout.TotalSeconds:0.#} s. Output:\n{Output}");
        }
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    /// <exception cref="TimeoutException">It still ran after <paramref name="timeout"/> (it keeps running; dispose to stop it); the message holds its output.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            return await Exited.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Description} did not finish within {timeout.TotalSeconds:0.#} s. Output:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>Closes the child's standard input, as the kernel does when the test process dies; for tests of the test kit.</summary>
    internal void CloseStandardInput() => _process.StandardInput.Close();

    private async Task<int> FollowExitAsync()
    {
        // Also waits until both output streams reached end of file, so every line is in Output.
        await _process.WaitForExitAsync().ConfigureAwait(false);
        Live.TryRemove(ProcessId, out _);
        OrphanReaper.Unregister(ProcessId);
        if (_watcher is not null)
        {
            await _watcher.ReleaseAsync().ConfigureAwait(false);
        }

        return SafeExitCode(_process);
    }

    // Kills and reaps every child still running when the test process exits: a child that outlives
    // its parent unreaped ends as a zombie of PID 1, which on some machines never reaps.
    private static void StopAllBeforeExit()
    {
        var clock = Stopwatch.StartNew();
        var left = () => TimeSpan.FromTicks(Math.Max(0, (ExitReapBudget - clock.Elapsed).Ticks));
        List<ManagedProcess> live = [.. Live.Values];
        foreach (var child in live)
        {
            ChildProcessStopper.KillNow(child._process);
        }

        foreach (var child in live)
        {
            try
            {
                child._process.WaitForExit(left());
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
                // Disposed meanwhile: it was stopped and reaped.
            }

            child._watcher?.Release(left());
        }
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
