namespace EsdbGater.Benchmarks.Gateway;

/// <summary>
/// The machine's load average (<c>/proc/loadavg</c>: 1, 5 and 15 minutes). This box is shared, so
/// every figure is reported with the load it was measured under.
/// </summary>
public static class LoadAverage
{
    public static string Read()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
