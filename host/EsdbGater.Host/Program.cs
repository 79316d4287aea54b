using EsdbGater.Host.Hosting;
using EsdbGater.Host.Logging;
using EsdbGater.Host.Plugins;
using EsdbGater.Plugins;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// Start-up failures (bad configuration, missing plugin, unreachable broker) end the process with
// one clear line and exit code 1. Their messages name settings, never secret values.
using var startupLog = SerilogSetup.CreateStartupLogger();
try
{
    using var host = GatewayHost.Build(GatewayHost.CreateBuilder(args));
    await host.RunAsync();
    return 0;
}
catch (Exception e) when (e is PluginLoadException or PluginConfigurationException or OptionsValidationException)
{
    startupLog.Fatal("EsdbGater cannot start: {Reason}", e.Message);
    return 1;
}
catch (Exception e) when (e is not OperationCanceledException)
{
    startupLog.Fatal("EsdbGater stopped: {Type}: {Reason}", e.GetType().Name, e.Message);
    return 1;
}
