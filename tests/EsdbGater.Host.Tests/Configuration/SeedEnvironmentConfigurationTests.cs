using System.Collections;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Hosting;
using EsdbGater.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Tests.Configuration;

public sealed class SeedEnvironmentConfigurationTests
{
    [Theory]
    [InlineData("EX_ESDB_CLUSTER_SECRET", "s3cret", GaterConfigurationKeys.ClusterSecret, "s3cret")]
    [InlineData("EX_ESDB_COOKIE", "cookie", GaterConfigurationKeys.Cookie, "cookie")]
    [InlineData("RELEASE_COOKIE", "release", GaterConfigurationKeys.Cookie, "release")]
    [InlineData("EX_ESDB_PUB_SUB", "my_pubsub", GaterConfigurationKeys.PubSub, "my_pubsub")]
    [InlineData("EX_ESDB_CLUSTER_PORT", "45893", "Discovery:Gossip:Port", "45893")]
    [InlineData("EX_ESDB_CLUSTER_INTERFACE", "127.0.0.1", "Discovery:Gossip:Interface", "127.0.0.1")]
    [InlineData("EX_ESDB_GOSSIP_MULTICAST_ADDR", "239.255.0.1", "Discovery:Gossip:MulticastAddress", "239.255.0.1")]
    [InlineData("ERL_EPMD_PORT", "4370", "Transport:Tcp:EpmdPort", "4370")]
    [InlineData("RABBITMQ_URL", "amqp://u:p@h/", "RabbitMq:Url", "amqp://u:p@h/")]
    [InlineData("LOG_LEVEL", "debug", GaterConfigurationKeys.LogLevel, "Debug")]
    [InlineData("LOG_LEVEL", "warning", GaterConfigurationKeys.LogLevel, "Warning")]
    [InlineData("LOG_LEVEL", "info", GaterConfigurationKeys.LogLevel, "Information")]
    [InlineData("LOG_LEVEL", "loud", GaterConfigurationKeys.LogLevel, "loud")]
    public void Seed_names_map_onto_gateway_keys(string variable, string value, string key, string expected) =>
        Assert.Equal(expected, Build(new() { [variable] = value })[key]);

    [Fact]
    public void EX_ESDB_COOKIE_wins_over_RELEASE_COOKIE() =>
        Assert.Equal("gater", Build(new() { ["RELEASE_COOKIE"] = "release", ["EX_ESDB_COOKIE"] = "gater" })[GaterConfigurationKeys.Cookie]);

    [Fact]
    public void The_connect_to_list_is_split_on_commas_and_spaces()
    {
        var configuration = Build(new() { ["EX_ESDB_GATER_CONNECT_TO"] = " a@h1, b@h2  c@h3,,d@h4 " });

        var nodes = configuration.GetSection(GaterConfigurationKeys.StaticNodes).GetChildren().OrderBy(c => c.Key).Select(c => c.Value);

        Assert.Equal(["a@h1", "b@h2", "c@h3", "d@h4"], nodes);
    }

    [Fact]
    public void Empty_variables_are_ignored() =>
        Assert.Null(Build(new() { ["EX_ESDB_COOKIE"] = "  " })[GaterConfigurationKeys.Cookie]);

    [Fact]
    public void Explicit_keys_win_over_seed_names_and_the_command_line_wins_over_both()
    {
        var env = new Hashtable { ["EX_ESDB_COOKIE"] = "seed", ["Cluster__Cookie"] = "explicit", ["EX_ESDB_PUB_SUB"] = "seed_pubsub" };
        var configuration = new ConfigurationBuilder();
        GatewayHost.AddConfiguration(configuration, "Test", ["--Gateway:PubSub=from_args"], env);
        var root = configuration.Build();

        Assert.Equal("explicit", root[GaterConfigurationKeys.Cookie]);
        Assert.Equal("from_args", root[GaterConfigurationKeys.PubSub]);
    }

    [Fact]
    public void A_malformed_broker_url_fails_validation_without_echoing_it()
    {
        var result = new RabbitMqOptionsValidator().Validate(null, new RabbitMqOptions { Url = "http://user:topsecret@host/" });

        Assert.True(result.Failed);
        Assert.Contains("RabbitMq:Url", result.FailureMessage);
        Assert.DoesNotContain("topsecret", result.FailureMessage);
    }

    [Fact]
    public void A_broker_url_resolves_and_prints_without_credentials()
    {
        var endpoint = new RabbitMqOptions { Url = "amqps://esdb:p%40ss@broker.local:5673/prod" }.Resolve();

        Assert.Equal(("broker.local", 5673, "prod", "esdb", "p@ss", true), (endpoint.Host, endpoint.Port, endpoint.VirtualHost, endpoint.Username, endpoint.Password, endpoint.UseTls));
        Assert.Equal("amqps://broker.local:5673/prod", endpoint.ToString());
    }

    [Fact]
    public void Invalid_options_are_named_by_their_keys()
    {
        var gateway = new GatewayOptionsValidator().Validate(null, new GatewayOptions { Stores = ["reg_gh", "Bad-Store"] });
        var pool = new PoolOptionsValidator().Validate(null, new PoolOptions { AppendTimeout = TimeSpan.FromSeconds(40) });

        Assert.Contains("Gateway:Stores:1", gateway.FailureMessage);
        Assert.Contains("Gateway:Pool:AppendTimeout", pool.FailureMessage);
        Assert.True(new BusOptionsValidator().Validate(null, new BusOptions { EndpointPrefix = "Has Spaces" }).Failed);
        Assert.True(new ClusterMonitorOptionsValidator().Validate(null, new ClusterMonitorOptions()).Succeeded);
        Assert.True(new RequestLimitsOptionsValidator().Validate(null, new RequestLimitsOptions { MaxStreamIdLength = 300 }).Failed);
    }

    private static IConfigurationRoot Build(Dictionary<string, string> env) =>
        new ConfigurationBuilder().Add(new SeedEnvironmentConfigurationSource(new Hashtable(env))).Build();
}
