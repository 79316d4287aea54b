using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;

namespace EsdbGater.Host.Logging;

/// <summary>Serilog for the host: levels from configuration (<c>Serilog</c> section, <c>LOG_LEVEL</c>), console output with the component as source context.</summary>
internal static class SerilogSetup
{
    /// <summary>The console line: time, level, component, message.</summary>
    public const string OutputTemplate =
        "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static IServiceCollection AddGatewaySerilog(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSerilog(logger => Configure(logger, configuration));

    /// <summary>A logger for failures before the host exists (bad configuration, missing plugins).</summary>
    public static Serilog.Core.Logger CreateStartupLogger() =>
        new LoggerConfiguration()
            .MinimumLevel.Information()
            .Enrich.WithProperty("SourceContext", LogComponent.System)
            .WriteTo.Console(outputTemplate: OutputTemplate, standardErrorFromLevel: LogEventLevel.Error)
            .CreateLogger();

    private static void Configure(LoggerConfiguration logger, IConfiguration configuration) =>
        logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("MassTransit", LogEventLevel.Information)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: OutputTemplate, standardErrorFromLevel: LogEventLevel.Fatal);
}
