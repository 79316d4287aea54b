using System.Globalization;

namespace EsdbGater.TestKit.Processes;

/// <summary>
/// Remembers every managed child on disk, with its owner (the test process): the last net, for a
/// child that survived the death of its owner because its <see cref="ChildWatcher"/> was killed
/// too. The next test process to start a child stops the children of owners that are gone.
/// Process start times guard against reused PIDs.
/// </summary>
internal static class OrphanReaper
{
    /// <summary>Names another registry directory: the hygiene tests give their probes a private one that no other test process sweeps.</summary>
    public const string RegistryVariable = "ESDBGATER_PROCESS_REGISTRY";

    private static readonly string Registry =
        Environment.GetEnvironmentVariable(RegistryVariable) is { Length: > 0 } registry ? registry : Path.Combine(Path.GetTempPath(), "esdbgater-managed-processes");
    private static readonly Lazy<bool> Swept = new(SweepOnce);

    /// <summary>Records <paramref name="childPid"/> as ours; sweeps orphans first, once per test process.</summary>
    public static void Register(int childPid, long childStartTime)
    {
        _ = Swept.Value;
        var owner = Environment.ProcessId;
        if (ProcessTable.StartTime(owner) is not { } ownerStart)
        {
            return;
        }

        Directory.CreateDirectory(Registry);
        File.WriteAllText(EntryPath(childPid), $"{owner} {ownerStart} {childStartTime}");
    }

    public static void Unregister(int childPid) => File.Delete(EntryPath(childPid));

    private static string EntryPath(int childPid) => Path.Combine(Registry, childPid.ToString(CultureInfo.InvariantCulture));

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
        if (!ProcessTable.IsGone(ownerPid, long.Parse(fields[1], CultureInfo.InvariantCulture)))
        {
            return; // the owner still runs and will stop its own children
        }

        ChildProcessStopper.KillOrphan(childPid, long.Parse(fields[2], CultureInfo.InvariantCulture));
        File.Delete(file);
    }
}
