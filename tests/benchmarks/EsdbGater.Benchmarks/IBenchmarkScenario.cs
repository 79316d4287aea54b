namespace EsdbGater.Benchmarks;

/// <summary>
/// One benchmark scenario, run as <c>dotnet run -c Release --project tests/benchmarks/EsdbGater.Benchmarks -- NAME [ARGS]</c>.
/// </summary>
/// <remarks>
/// To add a scenario, add a public sealed class with a public parameterless constructor that
/// implements this interface, in its own file (a folder per area, e.g. <c>Terms/</c>, <c>Distribution/</c>).
/// <see cref="ScenarioCatalog"/> finds it by reflection; <c>list</c> shows it. Nothing else to register.
/// A scenario starts and stops whatever it needs (BEAM nodes, brokers) itself, prints its figures
/// to <c>output</c> in a form a person can read (units in the text: MB/s, ops/s, bytes/op), and
/// returns the process exit code: 0 for success.
/// </remarks>
public interface IBenchmarkScenario
{
    /// <summary>The name used on the command line: lower case, no spaces (e.g. <c>etf</c>).</summary>
    string Name { get; }

    /// <summary>One line for <c>list</c>: what is measured, and the arguments it accepts.</summary>
    string Description { get; }

    /// <summary>Runs the scenario with the arguments after its name.</summary>
    Task<int> RunAsync(string[] args, TextWriter output);
}
