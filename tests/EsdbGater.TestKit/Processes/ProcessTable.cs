using System.Globalization;

namespace EsdbGater.TestKit.Processes;

/// <summary>
/// Reads the kernel's process table (<c>/proc/PID/stat</c>) to tell whether a process still runs.
/// A zombie counts as gone: it has exited and holds no ports, memory or files, it only waits for a
/// parent to reap it, and on a machine whose PID 1 never reaps, killed orphans stay zombies for good.
/// PIDs are reused (pid_max may be as low as 32768), so the start time names one incarnation.
/// </summary>
public static class ProcessTable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>The process's state and start time, or null when it has no entry (gone and reaped).</summary>
    public static ProcessStat? Read(int processId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name in parentheses may hold spaces and parentheses: the fields start after the last ") ".
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return new ProcessStat(
            processId,
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            fields[0][0],
            long.Parse(fields[19], CultureInfo.InvariantCulture));
    }

    /// <summary>The start time in clock ticks since boot (field 22 of <c>/proc/PID/stat</c>), or null when the process has no entry.</summary>
    public static long? StartTime(int processId) => Read(processId)?.StartTime;

    /// <summary>True when <paramref name="processId"/> has no entry or is a zombie.</summary>
    public static bool IsGone(int processId) => Read(processId) is not { IsZombie: false };

    /// <summary>True when the incarnation of <paramref name="processId"/> that started at <paramref name="startTime"/> has no entry, is a zombie, or the PID now names another process.</summary>
    public static bool IsGone(int processId, long startTime) =>
        Read(processId) is not { IsZombie: false } stat || stat.StartTime != startTime;

    /// <summary>True when the incarnation is not in the table at all, not even as a zombie: its parent has reaped it.</summary>
    public static bool IsReaped(int processId, long startTime) => Read(processId)?.StartTime != startTime;

    /// <summary>
    /// Polls until the process is gone (<see cref="IsGone(int, long)"/>, or <see cref="IsGone(int)"/> without a start time);
    /// false when it still runs after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<bool> WaitUntilGoneAsync(int processId, long? startTime, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!(startTime is { } start ? IsGone(processId, start) : IsGone(processId)))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
