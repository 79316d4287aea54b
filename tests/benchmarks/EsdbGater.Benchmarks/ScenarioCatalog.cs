using System.Reflection;

namespace EsdbGater.Benchmarks;

/// <summary>The scenarios of this assembly, found by reflection so that adding one is adding a file.</summary>
public static class ScenarioCatalog
{
    /// <summary>Every public concrete <see cref="IBenchmarkScenario"/> with a parameterless constructor, by name.</summary>
    public static IReadOnlyList<IBenchmarkScenario> All { get; } =
        [.. typeof(ScenarioCatalog).Assembly.GetExportedTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IBenchmarkScenario).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IBenchmarkScenario)Activator.CreateInstance(t)!)
            .OrderBy(s => s.Name, StringComparer.Ordinal)];

    public static IBenchmarkScenario? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    public static void WriteList(TextWriter output)
    {
        output.WriteLine("Scenarios (dotnet run -c Release --project tests/benchmarks/EsdbGater.Benchmarks -- NAME [ARGS]):");
        var width = All.Count == 0 ? 0 : All.Max(s => s.Name.Length);
        foreach (var scenario in All)
        {
            output.WriteLine($"  {scenario.Name.PadRight(width)}  {scenario.Description}");
        }
    }
}
