using System.Diagnostics;
using EsdbGater.TestKit.Processes;

namespace EsdbGater.Benchmarks.Gateway;

/// <summary>
/// CPU time used by each part of the topology (this process, the broker, the gateway host, the
/// nodes), from the kernel's per-process accounting, summed over each part's processes and, where
/// asked, their descendants (Debian's rabbitmq-server, for one, is a shell script whose child is the BEAM).
/// CPU time per request depends much less on how busy the shared machine is than requests per
/// second and latency do, so it is the better figure to compare between runs.
/// </summary>
public sealed class CpuMeter
{
    private readonly IReadOnlyList<CpuPart> _parts;

    public CpuMeter(IReadOnlyList<CpuPart> parts) => _parts = parts;

    public IEnumerable<string> Parts => _parts.Select(p => p.Name);

    /// <summary>CPU time so far of each part (null when no PID of it is known, e.g. an external broker).</summary>
    public IReadOnlyDictionary<string, TimeSpan?> Read()
    {
        var children = ChildrenByParent();
        return _parts.ToDictionary(
            p => p.Name,
            p => p.ProcessIds.Count == 0
                ? (TimeSpan?)null
                : (p.WithDescendants ? Tree(p.ProcessIds, children) : p.ProcessIds).Aggregate(TimeSpan.Zero, (sum, pid) => sum + ProcessorTime(pid)));
    }

    /// <summary>What each part used between two readings.</summary>
    public static IReadOnlyDictionary<string, TimeSpan?> Between(IReadOnlyDictionary<string, TimeSpan?> before, IReadOnlyDictionary<string, TimeSpan?> after) =>
        after.ToDictionary(p => p.Key, p => p.Value - before[p.Key]);

    private static ILookup<int, int> ChildrenByParent() =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? ProcessTable.Read(pid) : null)
            .OfType<ProcessStat>()
            .ToLookup(s => s.ParentProcessId, s => s.ProcessId);

    private static IEnumerable<int> Tree(IEnumerable<int> roots, ILookup<int, int> children)
    {
        var pending = new Stack<int>(roots);
        while (pending.TryPop(out var pid))
        {
            yield return pid;
            foreach (var child in children[pid])
            {
                pending.Push(child);
            }
        }
    }

    // A process that ended meanwhile (a short-lived helper) used nothing more that can be counted.
    private static TimeSpan ProcessorTime(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.TotalProcessorTime;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }
}
