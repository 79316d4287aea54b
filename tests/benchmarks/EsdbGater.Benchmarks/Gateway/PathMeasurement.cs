namespace EsdbGater.Benchmarks.Gateway;

/// <summary>One case on one path: the load figures and the CPU time each part of the topology used meanwhile.</summary>
public sealed record PathMeasurement(LoadResult Load, IReadOnlyDictionary<string, TimeSpan?> Cpu)
{
    /// <summary>A part's CPU time per answered request, in microseconds; null when unknown.</summary>
    public double? CpuMicrosecondsPerRequest(string part) =>
        Load.Requests > 0 && Cpu[part] is { } used ? used.TotalMicroseconds / Load.Requests : null;
}
