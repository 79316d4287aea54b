using System.Diagnostics;
using System.Globalization;

namespace EsdbGater.TestKit.Processes;

/// <summary>
/// A small bash process that SIGKILLs one child, and the child's descendants, when the test process
/// ends without stopping it (SIGKILL, a native crash, a runner's hang timeout). It blocks reading a
/// pipe that only the test process holds open; the kernel closes that pipe when the test process
/// ends, however it ends. The child's start time guards against a reused PID. Once the child has
/// exited, <see cref="ReleaseAsync"/> closes the pipe and reaps the watcher, which then finds
/// nothing to kill.
/// </summary>
/// <remarks>
/// A watcher works for any child, including ones that never read their input (EPMD, the gateway
/// host) and BEAM nodes frozen with SIGSTOP, which could not run their own watchdog.
/// </remarks>
internal sealed class ChildWatcher
{
    // Arguments: the child's PID and start time (field 22 of /proc/PID/stat).
    // /proc/PID/task/*/children is not available on every kernel, so descendants are found by parent PID.
    private const string Script = """
        exec >/dev/null 2>&1   # the test process may be gone: a write to its pipes would raise SIGPIPE
        child=$1 started=$2
        while read -r _; do :; done   # nothing is ever written: this ends when the test process's end closes
        stat=$(<"/proc/$child/stat") || exit 0
        read -r -a fields <<< "${stat##*) }"
        [[ ${fields[19]} == "$started" ]] || exit 0
        declare -A children
        for file in /proc/[0-9]*/stat; do
          stat=$(<"$file") || continue
          read -r -a fields <<< "${stat##*) }"
          children[${fields[1]}]+=" ${stat%% *}"
        done
        victims=() queue=("$child")
        while ((${#queue[@]})); do
          victims+=("${queue[0]}")
          queue=("${queue[@]:1}" ${children[${queue[0]}]})
        done
        kill -KILL "${victims[@]}"
        """;

    private readonly Process _process;
    private int _released;

    private ChildWatcher(Process process) => _process = process;

    /// <summary>The watcher's own PID.</summary>
    public int ProcessId { get; private init; }

    /// <summary>Starts a watcher for the child that started at <paramref name="childStartTime"/>.</summary>
    public static ChildWatcher Start(int childProcessId, long childStartTime)
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            // Its own pipes, never the test process's output, which a runner may wait on until every holder closes it.
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add("esdbgater-child-watcher");
        start.ArgumentList.Add(childProcessId.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(childStartTime.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the child watcher (bash).");
        return new ChildWatcher(process) { ProcessId = process.Id };
    }

    /// <summary>Closes the watcher's pipe and waits until it has exited and is reaped; call once the child is gone.</summary>
    public async Task ReleaseAsync()
    {
        CloseInput();
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>The same, blocking for at most <paramref name="timeout"/>: for the process-exit handler.</summary>
    public void Release(TimeSpan timeout)
    {
        CloseInput();
        try
        {
            _process.WaitForExit(timeout);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // Released and disposed meanwhile by the exit path.
        }
    }

    private void CloseInput()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _process.StandardInput.Close();
        }
    }
}
