using System.Collections;
using EsdbGater.Host.Api;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EsdbGater.Host.Hosting;

/// <summary>The composition root: configuration sources, logging, plugins, then the gateway's services.</summary>
internal static class GatewayHost
{
    /// <summary>
    /// A builder with the gateway's configuration: <c>appsettings.json</c> (reloaded on change),
    /// <c>appsettings.&lt;Environment&gt;.json</c>, the seed's environment names, environment
    /// variables (<c>Section__Key</c>) and the command line, later sources winning.
    /// </summary>
    /// <param name="args">Command line, e.g. <c>--Gateway:Stores:0=reg_gh</c>.</param>
    /// <param name="environment">Environment variables to read; the process's when null (tests pass their own).</param>
    public static HostApplicationBuilder CreateBuilder(string[] args, IDictionary? environment = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Read(environment, "DOTNET_ENVIRONMENT") ?? Environments.Production,
        });
        AddConfiguration(builder.Configuration, builder.Environment.EnvironmentName, args, environment);
        return builder;
    }

    /// <summary>Loads the plugins (failing with <see cref="PluginLoadException"/>) and registers everything.</summary>
    public static IHost Build(HostApplicationBuilder builder)
    {
        var plugins = GaterPluginLoader.Load(PluginOptions.From(builder.Configuration));
        builder.Services.AddGateway(builder.Configuration, plugins);
        return builder.Build();
    }

    public static void AddConfiguration(IConfigurationBuilder configuration, string environmentName, string[] args, IDictionary? environment)
    {
        configuration
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: true)
            .AddJsonFile($"appsettings.{environmentName}.json", optional: true, reloadOnChange: true)
            .Add(new SeedEnvironmentConfigurationSource(environment));
        if (environment is null)
        {
            configuration.AddEnvironmentVariables();
        }
        else
        {
            configuration.AddInMemoryCollection(EnvironmentAsConfiguration(environment));
        }

        configuration.AddCommandLine(args);
    }

    private static IEnumerable<KeyValuePair<string, string?>> EnvironmentAsConfiguration(IDictionary environment)
    {
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string key && key.Contains("__", StringComparison.Ordinal))
            {
                yield return new(key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), entry.Value as string);
            }
        }
    }

    private static string? Read(IDictionary? environment, string name) =>
        environment is null ? Environment.GetEnvironmentVariable(name) : environment[name] as string;
}
