using System.Collections;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Hosting;
using Microsoft.Extensions.Configuration;

namespace EsdbGater.Host.Tests.Observability;

public sealed class HttpEndpointOptionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("http://0.0.0.0:9464")]
    [InlineData("http://127.0.0.1:9464/")]
    [InlineData("http://*:9464")]
    [InlineData("http://+:9464")]
    [InlineData("http://localhost:80")]
    [InlineData("http://[::1]:9464")]
    public void Plain_http_at_the_root_is_accepted_and_empty_is_off(string? url)
    {
        var result = new HttpEndpointOptionsValidator().Validate(null, new HttpEndpointOptions { Url = url });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("https://0.0.0.0:9464", "only http://")]
    [InlineData("http://0.0.0.0:9464/ops", "must not have a path")]
    [InlineData("0.0.0.0:9464", "must look like")]
    [InlineData("not a url", "must look like")]
    [InlineData("http://0.0.0.0:0", "port between 1 and 65535")]
    public void Anything_else_is_refused_naming_the_key_and_the_variable(string url, string problem)
    {
        var result = new HttpEndpointOptionsValidator().Validate(null, new HttpEndpointOptions { Url = url });

        Assert.True(result.Failed);
        Assert.Contains("Gateway:Http:Url (EX_ESDB_GATER_HTTP_URL)", result.FailureMessage);
        Assert.Contains(problem, result.FailureMessage);
    }

    [Fact]
    public void The_seed_style_variable_sets_the_url_and_the_explicit_key_wins()
    {
        Assert.Equal("http://0.0.0.0:9464", Url(new Hashtable { ["EX_ESDB_GATER_HTTP_URL"] = "http://0.0.0.0:9464" }));
        Assert.Equal(
            "http://127.0.0.1:9999",
            Url(new Hashtable { ["EX_ESDB_GATER_HTTP_URL"] = "http://0.0.0.0:9464", ["Gateway__Http__Url"] = "http://127.0.0.1:9999" }));
        Assert.Null(Url(new Hashtable()));
    }

    private static string? Url(IDictionary environment)
    {
        var configuration = new ConfigurationBuilder();
        GatewayHost.AddConfiguration(configuration, "Test", [], environment);
        return configuration.Build().GetSection(HttpEndpointOptions.Section).Get<HttpEndpointOptions>()?.Url;
    }
}
