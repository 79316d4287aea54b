using EsdbGater.Benchmarks;

// A dispatcher: `list` shows the scenarios, `NAME [ARGS]` runs one (see IBenchmarkScenario).
if (args.Length == 0 || args[0] is "list" or "--list" or "-h" or "--help")
{
    ScenarioCatalog.WriteList(Console.Out);
    return args.Length == 0 ? 1 : 0;
}

if (ScenarioCatalog.Find(args[0]) is not { } scenario)
{
    Console.Error.WriteLine($"No scenario named '{args[0]}'.");
    ScenarioCatalog.WriteList(Console.Error);
    return 2;
}

return await scenario.RunAsync(args[1..], Console.Out);
