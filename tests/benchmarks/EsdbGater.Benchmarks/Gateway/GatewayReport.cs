using System.Globalization;

namespace EsdbGater.Benchmarks.Gateway;

/// <summary>
/// The <c>gateway</c> scenario's tables: each case through the gateway and directly with what the
/// gateway adds, then the CPU time each part of the topology spent per request.
/// </summary>
public static class GatewayReport
{
    private const double Mebibyte = 1024 * 1024;

    public static void WriteTable(TextWriter output, IReadOnlyList<CaseMeasurement> rows)
    {
        output.WriteLine($"{"",-24} {"",7} | {"gateway (client -> RabbitMQ -> host -> node)",-45} | {"direct (tcp transport plugin -> node)",-45} | gateway adds");
        output.WriteLine($"{"operation",-24} {"callers",7} | {LoadColumns("req/s", "p50 ms", "p99 ms", "n", "err")} | {LoadColumns("req/s", "p50 ms", "p99 ms", "n", "err")} | {"p50 ms",8}  req/s");
        foreach (var row in rows)
        {
            var (viaGateway, direct) = (row.Gateway.Load, row.Direct.Load);
            var addedP50 = viaGateway.Percentile(0.50).TotalMilliseconds - direct.Percentile(0.50).TotalMilliseconds;
            var throughput = direct.RequestsPerSecond > 0 ? viaGateway.RequestsPerSecond / direct.RequestsPerSecond : 0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Case.Operation,-24} {row.Case.Callers,7} | {LoadFigures(viaGateway)} | {LoadFigures(direct)} | {addedP50,8:+0.00;-0.00}  x {throughput:0.00} of direct"));
        }

        output.WriteLine("req/s: answered requests per second, closed loop (each caller awaits its answer before its next request); p50/p99: latency");
        output.WriteLine("percentiles; n: answered requests; err: failed requests. Batches and reads carry 10 events per request (events/s = 10 x req/s).");
        foreach (var row in rows)
        {
            foreach (var (path, result) in new[] { ("gateway", row.Gateway.Load), ("direct", row.Direct.Load) })
            {
                if (result.FirstError is { } error)
                {
                    output.WriteLine($"first error of {row.Case.Operation} x{row.Case.Callers} ({path}): {error}");
                }
            }
        }
    }

    public static void WriteCpuTable(TextWriter output, IReadOnlyList<CaseMeasurement> rows, IEnumerable<string> parts)
    {
        List<string> names = [.. parts, "total"];
        var width = names.Count * 8;
        output.WriteLine($"CPU time per answered request, microseconds (all threads of each part's processes, during the measured seconds):");
        output.WriteLine($"{"",-24} {"",7} | {"gateway path".PadRight(width)} | {"direct path".PadRight(width)}");
        output.WriteLine($"{"operation",-24} {"callers",7} | {string.Concat(names.Select(n => $"{n,8}"))} | {string.Concat(names.Select(n => $"{n,8}"))}");
        foreach (var row in rows)
        {
            output.WriteLine($"{row.Case.Operation,-24} {row.Case.Callers,7} | {CpuFigures(row.Gateway, names)} | {CpuFigures(row.Direct, names)}");
        }

        output.WriteLine("client: this process alone (MassTransit request client, or the tcp transport for the direct path); broker: RabbitMQ");
        output.WriteLine("(\"?\" when not a local process); host: the gateway process; nodes: the three ExESDB nodes. No subscription runs, so");
        output.WriteLine("the host joins no PubSub feed and is idle on the direct path. The BEAM's schedulers spin briefly before sleeping, so");
        output.WriteLine("the nodes' and broker's figures include some busy-waiting.");
    }

    public static string Memory(ProcessMemory memory) =>
        string.Create(CultureInfo.InvariantCulture, $"RSS {memory.ResidentBytes / Mebibyte:0.0} MiB (peak so far {memory.PeakResidentBytes / Mebibyte:0.0} MiB)");

    private static string LoadColumns(string rate, string p50, string p99, string count, string errors) =>
        $"{rate,9} {p50,8} {p99,8} {count,9} {errors,5}  ";

    private static string LoadFigures(LoadResult result) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{result.RequestsPerSecond,9:0.0} {result.Percentile(0.50).TotalMilliseconds,8:0.00} {result.Percentile(0.99).TotalMilliseconds,8:0.00} {result.Requests,9} {result.Errors,5}  ");

    private static string CpuFigures(PathMeasurement measurement, IReadOnlyList<string> names)
    {
        var perPart = names.Take(names.Count - 1).Select(measurement.CpuMicrosecondsPerRequest).ToList();
        var total = perPart.All(v => v is not null) ? perPart.Sum() : null;
        return string.Concat(perPart.Append(total).Select(v => v is { } value ? value.ToString("0", CultureInfo.InvariantCulture).PadLeft(8) : "?".PadLeft(8)));
    }
}
