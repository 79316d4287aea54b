using System.Diagnostics;
using System.Globalization;

namespace EsdbGater.TestKit.Beam;

/// <summary>
/// Remembers every managed child on disk, with its owner (the test process). A test process
/// killed outright (SIGKILL, a test host torn down by the runner) cannot stop its children, so
/// the next test process to start one stops the children of owners that are gone. Process
/// start times guard against reused PIDs.
/// </summary>
internal static class OrphanReaper
{
    private static readonly string Registry = Path.Combine(Path.GetTempPath(), "esdbgater-managed-processes");
    private static readonly Lazy<bool> Swept = new(SweepOnce);

    /// <summary>Records <paramref name="childPid"/> as ours; sweeps orphans first, once per test process.</summary>
    public static void Register(int childPid)
    {
        _ = Swept.Value;
        var owner = Environment.ProcessId;
        if (StartTime(owner) is not { } ownerStart || StartTime(childPid) is not { } childStart)
        {
            return;
        }

        Directory.CreateDirectory(Registry);
        File.WriteAllText(Path.Combine(Registry, childPid.ToString(CultureInfo.InvariantCulture)), $"{owner} {ownerStart} {childStart}");
    }

    public static void Unregister(int childPid) => File.Delete(Path.Combine(Registry, childPid.ToString(CultureInfo.InvariantCulture)));

    private static bool SweepOnce()
    {
        if (!Directory.Exists(Registry))
        {
            return true;
        }

        foreach (var file in Directory.EnumerateFiles(Registry))
        {
            try
            {
                Sweep(file);
            }
            catch (Exception)
            {
                // Best effort: another test process may be sweeping the same entry, or it is malformed.
            }
        }

        return true;
    }

    private static void Sweep(string file)
    {
        var childPid = int.Parse(Path.GetFileName(file), CultureInfo.InvariantCulture);
        var fields = File.ReadAllText(file).Trim().Split(' ');
        var ownerPid = int.Parse(fields[0], CultureInfo.InvariantCulture);
        if (StartTime(ownerPid)?.ToString(CultureInfo.InvariantCulture) == fields[1])
        {
            return; // the owner still runs and will stop its own children
        }

        if (StartTime(childPid)?.ToString(CultureInfo.InvariantCulture) == fields[2])
        {
            try
            {
                using var orphan = Process.GetProcessById(childPid);
                orphan.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile.
            }
        }

        File.Delete(file);
    }

    // Field 22 of /proc/PID/stat: the start time in clock ticks since boot (after the "(comm)" field).
    private static long? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(afterName[19], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
