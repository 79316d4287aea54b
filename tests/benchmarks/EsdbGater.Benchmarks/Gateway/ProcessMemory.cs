using System.Globalization;

namespace EsdbGater.Benchmarks.Gateway;

/// <summary>A process's memory as the kernel counts it (<c>/proc/PID/status</c>), for processes other than this one.</summary>
/// <param name="ResidentBytes">VmRSS: what it holds in RAM now.</param>
/// <param name="PeakResidentBytes">VmHWM: the most it has held in RAM since it started.</param>
public sealed record ProcessMemory(long ResidentBytes, long PeakResidentBytes)
{
    /// <exception cref="InvalidOperationException">The process is gone.</exception>
    public static ProcessMemory Read(int processId)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{processId}/status");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Process {processId} is gone: its memory cannot be read.", e);
        }

        return new ProcessMemory(Kilobytes(lines, "VmRSS:") * 1024, Kilobytes(lines, "VmHWM:") * 1024);
    }

    // Lines look like "VmRSS:\t  123456 kB".
    private static long Kilobytes(string[] lines, string field) =>
        lines.FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal)) is { } line
            ? long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"/proc status has no {field} line.");
}
