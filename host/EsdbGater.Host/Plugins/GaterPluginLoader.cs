using System.Reflection;
using System.Text.Json;
using EsdbGater.Contracts;
using EsdbGater.Host.Configuration;
using EsdbGater.Plugins;
using EsdbGater.Plugins.Discovery;
using EsdbGater.Plugins.Transport;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Plugins;

/// <summary>
/// Loads the configured discovery and transport plugins, each from its own folder
/// <c>&lt;plugins&gt;/&lt;kind&gt;-&lt;name&gt;/</c> (e.g. <c>plugins/discovery-static/</c>) into its own load
/// context. Only the plugin seams, the bus contracts and the Microsoft.Extensions abstractions
/// are shared with the host; everything else a plugin ships (its own EsdbGater.Erlang, say)
/// stays private to it. Every failure is a <see cref="PluginLoadException"/> naming the folder.
/// </summary>
internal static class GaterPluginLoader
{
    /// <summary>Types whose assemblies the host and plugins must share, or the plugin's types would not be the host's.</summary>
    public static readonly Type[] SharedTypes =
    [
        typeof(IGaterPlugin),
        typeof(EventData),
        typeof(IConfiguration),
        typeof(ILoggerFactory),
        typeof(ILogger),
    ];

    public static LoadedPlugins Load(PluginOptions options)
    {
        if (!Directory.Exists(options.Directory))
        {
            throw new PluginLoadException(
                $"The plugins folder '{options.Directory}' does not exist. Building the host puts the plugins there; or set {PluginOptions.DirectoryKey}.");
        }

        var (discovery, discoveryLoader) = LoadOne<IDiscoveryPlugin>(options.Directory, PluginKind.Discovery, options.Discovery, GaterConfigurationKeys.DiscoveryPlugin);
        var (transport, transportLoader) = LoadOne<ITransportPlugin>(options.Directory, PluginKind.Transport, options.Transport, GaterConfigurationKeys.TransportPlugin);
        return new LoadedPlugins(discovery, transport, [discoveryLoader, transportLoader]);
    }

    /// <summary>The folder a plugin is expected in.</summary>
    public static string FolderName(PluginKind kind, string name) => $"{kind.ToString().ToLowerInvariant()}-{name}";

    private static (T Plugin, PluginLoader Loader) LoadOne<T>(string root, PluginKind kind, string name, string key)
        where T : class, IGaterPlugin
    {
        var folder = Path.Combine(root, FolderName(kind, name));
        if (!Directory.Exists(folder))
        {
            var available = Directory.GetDirectories(root).Select(Path.GetFileName).Order(StringComparer.Ordinal);
            throw new PluginLoadException(
                $"{kind} plugin '{name}' ({key}) not found: the folder '{folder}' does not exist. Plugin folders present: [{string.Join(", ", available)}].");
        }

        var assemblyPath = MainAssembly(folder);
        CheckDependencyFile(Path.ChangeExtension(assemblyPath, ".deps.json"));
        var loader = PluginLoader.CreateFromAssemblyFile(assemblyPath, SharedTypes, config => config.PreferSharedTypes = true);
        Type[] types;
        try
        {
            types = loader.LoadDefaultAssembly().GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            var cause = e.LoaderExceptions.FirstOrDefault(x => x is not null)?.Message ?? e.Message;
            throw new PluginLoadException($"{kind} plugin in '{folder}' could not be loaded: a type failed to load ({cause}).", e);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            throw new PluginLoadException($"{kind} plugin in '{folder}' could not be loaded: {e.GetType().Name}: {e.Message}", e);
        }

        var plugins = types
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && typeof(T).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => Instantiate<T>(t, folder))
            .ToList();
        if (plugins.Count == 0)
        {
            var lookalike = types.Any(t => t.GetInterfaces().Any(i => i.FullName == typeof(T).FullName));
            throw new PluginLoadException(lookalike
                ? $"{kind} plugin in '{folder}' implements {typeof(T).Name} from another copy of EsdbGater.Plugins.Abstractions; build it against the host's (reference it with Private=false, ExcludeAssets=runtime)."
                : $"'{assemblyPath}' contains no public {typeof(T).Name} with a parameterless constructor.");
        }

        var plugin = plugins.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new PluginLoadException(
                $"{kind} plugin in '{folder}' is named [{string.Join(", ", plugins.Select(p => p.Name))}], not '{name}' ({key}).");
        return (plugin, loader);
    }

    /// <summary>The plugin's own assembly: the one with a <c>.deps.json</c> next to it (dependencies have none).</summary>
    private static string MainAssembly(string folder)
    {
        var candidates = Directory.GetFiles(folder, "*.deps.json")
            .Select(deps => Path.Combine(folder, Path.GetFileName(deps)[..^".deps.json".Length] + ".dll"))
            .Where(File.Exists)
            .ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new PluginLoadException($"The plugin folder '{folder}' holds no plugin assembly (a <Name>.dll next to its <Name>.deps.json)."),
            _ => throw new PluginLoadException($"The plugin folder '{folder}' holds several plugin assemblies: {string.Join(", ", candidates.Select(Path.GetFileName))}."),
        };
    }

    /// <summary>
    /// The runtime's native dependency resolver crashes the whole process on a malformed
    /// <c>.deps.json</c> instead of throwing, so the file's shape is checked here first.
    /// </summary>
    private static void CheckDependencyFile(string depsFile)
    {
        try
        {
            using var deps = JsonDocument.Parse(File.ReadAllText(depsFile));
            var root = deps.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("runtimeTarget", out var target)
                && target.ValueKind == JsonValueKind.Object
                && target.TryGetProperty("name", out var name)
                && name.ValueKind == JsonValueKind.String
                && root.TryGetProperty("targets", out var targets)
                && targets.ValueKind == JsonValueKind.Object
                && targets.TryGetProperty(name.GetString()!, out var libraries)
                && libraries.ValueKind == JsonValueKind.Object)
            {
                return;
            }
        }
        catch (JsonException e)
        {
            throw new PluginLoadException($"'{depsFile}' is not valid JSON: {e.Message}", e);
        }

        throw new PluginLoadException($"'{depsFile}' is not a .NET dependency file (no runtimeTarget with matching targets); rebuild the plugin.");
    }

    private static T Instantiate<T>(Type type, string folder)
        where T : class
    {
        try
        {
            return (T)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException e)
        {
            throw new PluginLoadException($"Creating {type.FullName} from '{folder}' failed: {e.InnerException?.Message ?? e.Message}", e.InnerException ?? e);
        }
    }
}
