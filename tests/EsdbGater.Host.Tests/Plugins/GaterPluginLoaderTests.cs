using System.Runtime.Loader;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Plugins;
using EsdbGater.TestKit;

namespace EsdbGater.Host.Tests.Plugins;

public sealed class GaterPluginLoaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("esdbgater-plugins-").FullName;

    /// <summary>The plugins folder the host's build fills (host/EsdbGater.Host/bin/&lt;configuration&gt;/net10.0/plugins).</summary>
    private static string BuiltPlugins
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(Otp27Root.RepositoryRoot, "host/EsdbGater.Host/bin", configuration, "net10.0/plugins");
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_built_plugins_load_each_into_its_own_context()
    {
        var plugins = GaterPluginLoader.Load(new PluginOptions(BuiltPlugins, "static", "tcp"));

        Assert.Equal("static", plugins.Discovery.Name);
        Assert.Equal("tcp", plugins.Transport.Name);
        var discoveryContext = AssemblyLoadContext.GetLoadContext(plugins.Discovery.GetType().Assembly);
        var transportContext = AssemblyLoadContext.GetLoadContext(plugins.Transport.GetType().Assembly);
        Assert.NotSame(AssemblyLoadContext.Default, discoveryContext);
        Assert.NotSame(discoveryContext, transportContext);
    }

    [Fact]
    public void A_missing_plugins_folder_is_named()
    {
        var missing = Path.Combine(_root, "nowhere");

        var error = Assert.Throws<PluginLoadException>(() => GaterPluginLoader.Load(new PluginOptions(missing, "static", "tcp")));

        Assert.Contains(missing, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void A_missing_plugin_names_its_folder_and_the_folders_present()
    {
        CopyBuilt("discovery-static", "discovery-static");

        var error = Assert.Throws<PluginLoadException>(() => GaterPluginLoader.Load(new PluginOptions(_root, "gossip", "tcp")));

        Assert.Contains(Path.Combine(_root, "discovery-gossip"), error.Message);
        Assert.Contains("Discovery:Plugin", error.Message);
        Assert.Contains("[discovery-static]", error.Message);
    }

    [Fact]
    public void A_broken_assembly_names_the_folder_and_the_cause()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "discovery-broken")).FullName;
        File.WriteAllBytes(Path.Combine(folder, "Broken.dll"), [0x4D, 0x5A, 0x00, 0x01, 0x02, 0x03]);
        File.Copy(Path.Combine(BuiltPlugins, "discovery-static/EsdbGater.Discovery.Static.deps.json"), Path.Combine(folder, "Broken.deps.json"));

        var error = Assert.Throws<PluginLoadException>(() => GaterPluginLoader.Load(new PluginOptions(_root, "broken", "tcp")));

        Assert.Contains(folder, error.Message);
        Assert.Contains("BadImageFormatException", error.Message);
    }

    [Fact]
    public void A_malformed_deps_file_is_named_before_the_runtime_reads_it()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "discovery-broken")).FullName;
        File.Copy(Path.Combine(BuiltPlugins, "discovery-static/EsdbGater.Discovery.Static.dll"), Path.Combine(folder, "Broken.dll"));
        File.WriteAllText(Path.Combine(folder, "Broken.deps.json"), "{}");

        var error = Assert.Throws<PluginLoadException>(() => GaterPluginLoader.Load(new PluginOptions(_root, "broken", "tcp")));

        Assert.Contains("Broken.deps.json", error.Message);
    }

    [Fact]
    public void A_folder_without_a_plugin_assembly_is_named()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "discovery-empty")).FullName;

        var error = Assert.Throws<PluginLoadException>(() => GaterPluginLoader.Load(new PluginOptions(_root, "empty", "tcp")));

        Assert.Contains(folder, error.Message);
        Assert.Contains("no plugin assembly", error.Message);
    }

    [Fact]
    public void A_plugin_under_another_name_is_refused()
    {
        CopyBuilt("discovery-static", "discovery-gossip");

        var error = Assert.Throws<PluginLoadException>(() => GaterPluginLoader.Load(new PluginOptions(_root, "gossip", "tcp")));

        Assert.Contains("named [static], not 'gossip'", error.Message);
    }

    private void CopyBuilt(string source, string target)
    {
        var from = Path.Combine(BuiltPlugins, source);
        Assert.True(Directory.Exists(from), $"{from} is missing: build host/EsdbGater.Host first");
        var to = Directory.CreateDirectory(Path.Combine(_root, target)).FullName;
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
