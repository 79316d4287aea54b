using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EsdbGater.TestKit.Processes;

/// <summary>
/// Stops processes by PID: a child with SIGTERM for a clean stop and SIGKILL for it and its children
/// after a grace period; an orphan of a dead test process with SIGKILL, guarded by its start time.
/// </summary>
internal static class ChildProcessStopper
{
    private const int SigTerm = 15;

    /// <summary>Stops <paramref name="process"/> and waits until it is gone.</summary>
    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        if (HasExited(process))
        {
            return;
        }

        _ = Signal(process.Id, SigTerm);
        using var graceOver = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(graceOver.Token).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException)
        {
            // Still running after the grace period.
        }

        KillNow(process);
        await process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>SIGKILL for the process and its children, without waiting; for the process-exit safety net.</summary>
    public static void KillNow(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>
    /// SIGKILL for a process that is not our child (an orphan of a dead test process) and its
    /// descendants, unless the PID has meanwhile gone or been reused. Not waited for: its new parent reaps it, or it stays a zombie.
    /// </summary>
    public static void KillOrphan(int processId, long startTime)
    {
        if (ProcessTable.IsGone(processId, startTime))
        {
            return;
        }

        try
        {
            using var orphan = Process.GetProcessById(processId);
            orphan.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Gone meanwhile.
        }
    }

    /// <summary>Sends <paramref name="signal"/> to <paramref name="processId"/>; false with the errno in <see cref="Marshal.GetLastPInvokeError"/> when it fails.</summary>
    public static bool Signal(int processId, int signal) => Kill(processId, signal) == 0;

    private static bool HasExited(Process process)
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
