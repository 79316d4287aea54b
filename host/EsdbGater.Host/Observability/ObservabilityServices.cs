using EsdbGater.Host.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EsdbGater.Host.Observability;

/// <summary>
/// Registration of the gateway's telemetry and its operations endpoint. Measurements are always
/// recorded on the <see cref="GatewayTelemetry.Name"/> meter (cheap while nobody listens);
/// OpenTelemetry collects them only when something reads them:
/// <list type="bullet">
/// <item>metrics (the gateway's, MassTransit's and the runtime's) when the operations endpoint is
/// on (<c>/metrics</c>) or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (OTLP export);</item>
/// <item>traces (the gateway's request spans under MassTransit's) only with OTLP.</item>
/// </list>
/// The OTLP exporter reads the standard <c>OTEL_EXPORTER_OTLP_*</c> and <c>OTEL_SERVICE_NAME</c> variables.
/// </summary>
internal static class ObservabilityServices
{
    /// <summary>The variable that turns OTLP export on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The service name in exported telemetry unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "esdbgater";

    /// <summary>Call before the other hosted services, so the endpoint answers (ready: 503) while they start.</summary>
    public static IServiceCollection AddGatewayObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<RequestTelemetry>();
        services.AddSingleton<GatewayGauges>();
        services.AddSingleton(SecretRedactor.From(configuration));
        services.AddSingleton<HealthResponseWriter>();
        services.AddHostedService<OperationsListener>();

        var scrape = configuration.GetSection(HttpEndpointOptions.Section).Get<HttpEndpointOptions>()?.IsEnabled == true;
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
        if (!scrape && !otlp)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(GatewayTelemetry.Name, GatewayTelemetry.MassTransit)
                    .AddRuntimeInstrumentation()
                    .AddInstrumentation(sp => sp.GetRequiredService<GatewayGauges>());
                if (scrape)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(GatewayTelemetry.Name, GatewayTelemetry.MassTransit)
                .AddOtlpExporter());
        }

        return services;
    }
}
