using System.Globalization;

namespace EsdbGater.Benchmarks.Gateway;

/// <summary>The <c>gateway</c> scenario's arguments; every case is bounded by both time and count.</summary>
/// <param name="Seconds">Measured time per case and path.</param>
/// <param name="WarmupSeconds">Unmeasured time of each case and path in the warm-up round, and again right before its measurement (JIT, connections, caches).</param>
/// <param name="Callers">Concurrent callers in the concurrent cases, each on its own stream.</param>
/// <param name="MaxRequests">Requests at most per case and path, measured or warm-up, whatever the time.</param>
public sealed record GatewayScenarioOptions(double Seconds = 10, double WarmupSeconds = 1, int Callers = 16, int MaxRequests = 200_000)
{
    public const string Usage = "--seconds N (default 10), --warmup N (default 1), --callers N (default 16), --max-requests N per case (default 200000)";

    public TimeSpan Duration => TimeSpan.FromSeconds(Seconds);

    public TimeSpan Warmup => TimeSpan.FromSeconds(WarmupSeconds);

    /// <exception cref="ArgumentException">An unknown argument, a missing value or a value out of range.</exception>
    public static GatewayScenarioOptions Parse(IReadOnlyList<string> args)
    {
        var options = new GatewayScenarioOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{name} needs a value. Arguments: {Usage}");
            options = name switch
            {
                "--seconds" => options with { Seconds = Number(name, value, 0.1, 3600) },
                "--warmup" => options with { WarmupSeconds = Number(name, value, 0, 600) },
                "--callers" => options with { Callers = (int)Number(name, value, 1, 256, whole: true) },
                "--max-requests" => options with { MaxRequests = (int)Number(name, value, 1, 10_000_000, whole: true) },
                _ => throw new ArgumentException($"Unknown argument {name}. Arguments: {Usage}"),
            };
        }

        return options;
    }

    private static double Number(string name, string text, double min, double max, bool whole = false) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max && (!whole || value == Math.Floor(value))
            ? value
            : throw new ArgumentException($"{name} must be a{(whole ? " whole" : "")} number from {min} to {max} (was \"{text}\").");
}
