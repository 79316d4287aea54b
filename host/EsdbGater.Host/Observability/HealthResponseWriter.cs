using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EsdbGater.Host.Observability;

/// <summary>
/// Writes a health report as the probe endpoints answer it: 200 when healthy or degraded (the
/// gateway serves), 503 when unhealthy, and a small JSON body with the overall status and each
/// check's status and description. Exceptions and check data are never written: they may carry
/// addresses or secrets; descriptions pass through <see cref="SecretRedactor"/>.
/// </summary>
/// <example><code>{"status":"Healthy","checks":{"cluster":{"status":"Healthy","description":"Serving reg_gh on 3 node(s)."}}}</code></example>
internal sealed class HealthResponseWriter(SecretRedactor redactor)
{
    public async Task WriteAsync(HttpContext context, HealthReport report)
    {
        var response = context.Response;
        response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            if (redactor.Redact(entry.Description) is { } description)
            {
                json.WriteString("description", description);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
