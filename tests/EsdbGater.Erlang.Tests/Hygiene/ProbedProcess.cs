using System.Globalization;

namespace EsdbGater.Erlang.Tests.Hygiene;

/// <summary>One process an <see cref="OrphanProbe"/> started, as it reported it.</summary>
/// <param name="ProcessId">Its PID.</param>
/// <param name="StartTime">Its start time; with the PID it names this incarnation.</param>
/// <param name="Label">What it is (<c>node erl Otp25Host</c>, <c>epmd of ...</c>, <c>watcher of ...</c>).</param>
public sealed record ProbedProcess(int ProcessId, long StartTime, string Label)
{
    /// <summary>A BEAM node the test kit started, which must carry the watchdog.</summary>
    public bool IsNode => Label.StartsWith(OrphanProbe.NodeLabel + " ", StringComparison.Ordinal);

    /// <summary>Reads a <c>PROBE process PID START LABEL</c> line.</summary>
    public static ProbedProcess Parse(string line)
    {
        var parts = line[OrphanProbe.ReportPrefix.Length..].Split(' ', 3);
        return new ProbedProcess(int.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]);
    }

    /// <summary>The command line from /proc (arguments joined by spaces), or empty when it has none (gone, or a zombie). May hold a test cookie: assert on it, never print it.</summary>
    public string CommandLine() => ReadProc("cmdline").Replace('\0', ' ').Trim();

    /// <summary>The executable's name from /proc, or empty when it is gone.</summary>
    public string Name() => ReadProc("comm").Trim();

    private string ReadProc(string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{ProcessId}/{file}");
        }
        catch (IOException)
        {
            return "";
        }
    }

    public override string ToString() => $"{Label} (pid {ProcessId})";
}
