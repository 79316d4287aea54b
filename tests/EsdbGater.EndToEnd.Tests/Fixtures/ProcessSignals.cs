using System.Runtime.InteropServices;

namespace EsdbGater.EndToEnd.Tests.Fixtures;

/// <summary>Freezes and thaws a process (SIGSTOP/SIGCONT): a node that hangs without closing its connections.</summary>
internal static class ProcessSignals
{
    private const int SigCont = 18;
    private const int SigStop = 19;

    public static void Stop(int pid) => Send(pid, SigStop);

    public static void Continue(int pid) => Send(pid, SigCont);

    private static void Send(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
