namespace EsdbGater.Benchmarks.Gateway;

/// <summary>A part of the topology whose CPU time <see cref="CpuMeter"/> sums.</summary>
/// <param name="Name">Column name in the report.</param>
/// <param name="ProcessIds">Its root processes; none when it is not a local process (an external broker).</param>
/// <param name="WithDescendants">
/// Also count the roots' descendants: true for a broker or node started through a script, false
/// for this process, whose descendants are the other parts.
/// </param>
public sealed record CpuPart(string Name, IReadOnlyList<int> ProcessIds, bool WithDescendants);
