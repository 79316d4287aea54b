using EsdbGater.Erlang.Tests.Hygiene;

/// <summary>
/// Lets this test assembly double as the <see cref="OrphanProbe"/> program without a project of its own:
/// <c>dotnet EsdbGater.Erlang.Tests.dll</c> with <c>DOTNET_STARTUP_HOOKS</c> naming this assembly runs
/// <see cref="Initialize"/> before the generated (empty) entry point. The runtime finds the hook by
/// this exact name in the global namespace. In a normal test run nothing names it and it never runs.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(OrphanProbe.ScenarioVariable) is { Length: > 0 } scenario)
        {
            OrphanProbe.Run(Enum.Parse<OrphanProbeScenario>(scenario));
        }
    }
}
