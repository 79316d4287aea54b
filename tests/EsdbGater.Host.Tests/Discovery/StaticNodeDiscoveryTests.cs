using EsdbGater.Discovery.Static;
using EsdbGater.Plugins;
using EsdbGater.Plugins.Discovery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace EsdbGater.Host.Tests.Discovery;

public sealed class StaticNodeDiscoveryTests
{
    [Fact]
    public async Task Lists_the_configured_nodes_sorted_and_without_duplicates()
    {
        var (discovery, _) = Create("b@host", "a@host", "b@host");
        await using var _d = discovery;

        Assert.Equal(["a@host", "b@host"], discovery.Current.Nodes.Select(n => n.NodeName));
        Assert.Equal(1, discovery.Current.Version);
    }

    [Fact]
    public void An_invalid_node_name_is_a_configuration_error_naming_key_and_value()
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Create("a@host", "no-at-sign"));

        Assert.Contains(GaterConfigurationKeys.StaticNodes, error.Message);
        Assert.Contains("'no-at-sign'", error.Message);
    }

    [Fact]
    public void An_empty_list_is_a_configuration_error()
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Create());
        Assert.Contains("EX_ESDB_GATER_CONNECT_TO", error.Message);
    }

    [Fact]
    public async Task A_configuration_reload_publishes_the_new_list_to_watchers()
    {
        var (discovery, configuration) = Create("a@host");
        await using var _d = discovery;
        await discovery.StartAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var watch = discovery.WatchAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(1, watch.Current.Version);

        configuration[GaterConfigurationKeys.StaticNodes + ":1"] = "c@host";
        configuration.Reload();

        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(["a@host", "c@host"], watch.Current.Nodes.Select(n => n.NodeName));
    }

    [Fact]
    public async Task An_invalid_reload_keeps_the_previous_list()
    {
        var (discovery, configuration) = Create("a@host");
        await using var _d = discovery;
        await discovery.StartAsync(CancellationToken.None);

        configuration[GaterConfigurationKeys.StaticNodes + ":0"] = "broken name";
        configuration.Reload();

        Assert.Equal(["a@host"], discovery.Current.Nodes.Select(n => n.NodeName));
        Assert.Equal(1, discovery.Current.Version);
    }

    [Theory]
    [InlineData("exesdb1@localhost")]
    [InlineData("reg_gh@reg-gh-0")]
    [InlineData("node-1@10.0.0.7")]
    [InlineData("ex_esdb@exesdb_node_1")]
    public void Accepts_real_node_names(string name)
    {
        var (discovery, _) = Create(name);
        Assert.Equal(name, Assert.Single(discovery.Current.Nodes).NodeName);
    }

    private static (INodeDiscovery, IConfigurationRoot) Create(params string[] nodes)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(nodes.Select((n, i) => new KeyValuePair<string, string?>($"{GaterConfigurationKeys.StaticNodes}:{i}", n)))
            .Build();
        var plugin = new StaticDiscoveryPlugin();
        Assert.Equal("static", plugin.Name);
        return (plugin.Create(new PluginContext(configuration, NullLoggerFactory.Instance, TimeProvider.System)), configuration);
    }
}
