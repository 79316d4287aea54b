using System.Globalization;

namespace EsdbGater.Benchmarks.Gateway;

/// <summary>The <c>gateway</c> scenario's table: each case through the gateway and directly, and what the gateway adds.</summary>
public static class GatewayReport
{
    private const double Megabyte = 1024 * 1024;

    public static void WriteTable(TextWriter output, IReadOnlyList<CaseMeasurement> rows)
    {
        output.WriteLine($"{"",-24} {"",7} | {"gateway (client -> RabbitMQ -> host -> node)",-45} | {"direct (tcp transport plugin -> node)",-45} | {"gateway adds",-22}");
        output.WriteLine($"{"operation",-24} {"callers",7} | {Columns("req/s", "p50 ms", "p99 ms", "n", "err")} | {Columns("req/s", "p50 ms", "p99 ms", "n", "err")} | {"p50 ms",8} {"req/s",-13}");
        foreach (var row in rows)
        {
            var addedP50 = Milliseconds(row.Gateway.Percentile(0.50)) - Milliseconds(row.Direct.Percentile(0.50));
            var throughput = row.Direct.RequestsPerSecond > 0 ? row.Gateway.RequestsPerSecond / row.Direct.RequestsPerSecond : 0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Case.Operation,-24} {row.Case.Callers,7} | {Figures(row.Gateway)} | {Figures(row.Direct)} | {addedP50,8:+0.00;-0.00} {"x " + throughput.ToString("0.00", CultureInfo.InvariantCulture) + " of direct",-13}"));
        }

        output.WriteLine("req/s: answered requests per second (closed loop: each caller waits for its answer before the next request); p50/p99: latency percentiles;");
        output.WriteLine("n: answered requests; err: failed requests. Batches and reads carry 10 events per request (events/s = 10 x req/s).");
        foreach (var row in rows)
        {
            foreach (var (path, result) in new[] { ("gateway", row.Gateway), ("direct", row.Direct) })
            {
                if (result.FirstError is { } error)
                {
                    output.WriteLine($"first error of {row.Case.Operation} x{row.Case.Callers} ({path}): {error}");
                }
            }
        }
    }

    public static string Memory(ProcessMemory memory) =>
        string.Create(CultureInfo.InvariantCulture, $"RSS {memory.ResidentBytes / Megabyte:0.0} MiB (peak so far {memory.PeakResidentBytes / Megabyte:0.0} MiB)");

    private static string Columns(string rate, string p50, string p99, string count, string errors) =>
        $"{rate,9} {p50,8} {p99,8} {count,9} {errors,5}  ";

    private static string Figures(LoadResult result) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{result.RequestsPerSecond,9:0.0} {Milliseconds(result.Percentile(0.50)),8:0.00} {Milliseconds(result.Percentile(0.99)),8:0.00} {result.Requests,9} {result.Errors,5}  ");

    private static double Milliseconds(TimeSpan latency) => latency.TotalMilliseconds;
}
