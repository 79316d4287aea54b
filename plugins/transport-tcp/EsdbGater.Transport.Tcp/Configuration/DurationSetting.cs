using System.Globalization;
using EsdbGater.Plugins;

namespace EsdbGater.Transport.Tcp.Configuration;

/// <summary>
/// Durations in configuration: <c>hh:mm:ss[.fff]</c>, or a number with a unit (<c>500ms</c>,
/// <c>15s</c>, <c>2m</c>). A bare number is refused: <c>TimeSpan</c> would read "15" as 15 days.
/// </summary>
internal static class DurationSetting
{
    public static TimeSpan Parse(string key, string? text, TimeSpan fallback)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        text = text.Trim();
        var value = TryWithUnit(text, "ms", TimeSpan.FromMilliseconds)
            ?? TryWithUnit(text, "s", TimeSpan.FromSeconds)
            ?? TryWithUnit(text, "m", TimeSpan.FromMinutes)
            ?? (text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : null);

        return value is { } v && v > TimeSpan.Zero
            ? v
            : throw new PluginConfigurationException($"{key} must be a positive duration such as 00:00:15, 15s or 500ms (was \"{text}\").");
    }

    private static TimeSpan? TryWithUnit(string text, string unit, Func<double, TimeSpan> make) =>
        text.EndsWith(unit, StringComparison.OrdinalIgnoreCase)
        && double.TryParse(text.AsSpan(0, text.Length - unit.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
        && double.IsFinite(amount) && amount is > 0 and < 1e9
            ? make(amount)
            : null;
}
