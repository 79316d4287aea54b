using System.Collections;
using EsdbGater.Host.Hosting;
using EsdbGater.Host.Plugins;
using EsdbGater.TestKit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Tests.Hosting;

public sealed class GatewayHostTests
{
    private static string BuiltPlugins =>
        Path.Combine(Otp27Root.RepositoryRoot, "host/EsdbGater.Host/bin", AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug", "net10.0/plugins");

    [Fact]
    public async Task Invalid_options_stop_the_start_with_their_keys_and_no_secrets()
    {
        var environment = new Hashtable
        {
            ["EX_ESDB_COOKIE"] = "cookie-value-7f3a",
            ["EX_ESDB_GATER_CONNECT_TO"] = "exesdb1@localhost",
            ["RABBITMQ_URL"] = "amqp://user:broker-pass-91c2@127.0.0.1:1/",
        };
        string[] args = [$"--Plugins:Directory={BuiltPlugins}", "--Gateway:Pool:AppendTimeout=00:01:00"];
        using var host = GatewayHost.Build(GatewayHost.CreateBuilder(args, environment));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var messages = string.Join("\n", error.Failures);
        Assert.Contains("Gateway:Pool:AppendTimeout", messages);
        Assert.DoesNotContain("cookie-value-7f3a", messages);
        Assert.DoesNotContain("broker-pass-91c2", messages);
    }

    [Fact]
    public void A_missing_plugin_fails_the_build_of_the_host_naming_the_folder()
    {
        var error = Assert.Throws<PluginLoadException>(() =>
            GatewayHost.Build(GatewayHost.CreateBuilder([$"--Plugins:Directory={BuiltPlugins}", "--Discovery:Plugin=nope"], new Hashtable())));

        Assert.Contains("discovery-nope", error.Message);
    }
}
