using EsdbGater.Plugins;
using Microsoft.Extensions.Configuration;

namespace EsdbGater.Host.Configuration;

/// <summary>Which plugins to load and from where.</summary>
/// <param name="Directory">The plugins folder (<c>Plugins:Directory</c>; default <c>&lt;app&gt;/plugins</c>).</param>
/// <param name="Discovery">The discovery plugin's name (<c>Discovery:Plugin</c>; default <c>static</c>).</param>
/// <param name="Transport">The transport plugin's name (<c>Transport:Plugin</c>; default <c>tcp</c>).</param>
internal sealed record PluginOptions(string Directory, string Discovery, string Transport)
{
    public const string DirectoryKey = "Plugins:Directory";

    public static PluginOptions From(IConfiguration configuration) => new(
        configuration[DirectoryKey] is { Length: > 0 } dir
            ? Path.GetFullPath(dir, AppContext.BaseDirectory)
            : Path.Combine(AppContext.BaseDirectory, "plugins"),
        Name(configuration[GaterConfigurationKeys.DiscoveryPlugin], "static"),
        Name(configuration[GaterConfigurationKeys.TransportPlugin], "tcp"));

    private static string Name(string? value, string fallback) =>
        string.IsNullOrWhiteSpace(value) ? fallback : value.Trim().ToLowerInvariant();
}
