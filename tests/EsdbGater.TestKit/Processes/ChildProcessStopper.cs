using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EsdbGater.TestKit.Processes;

/// <summary>Stops a child process by its PID: SIGTERM for a clean stop, SIGKILL for it and its children after a grace period.</summary>
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

        _ = Kill(process.Id, SigTerm);
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
