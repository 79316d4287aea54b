using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace EsdbGater.Benchmarks.Terms;

/// <summary>ETF decode and encode throughput on ExESDB-shaped event records.</summary>
public sealed class EtfScenario : IBenchmarkScenario
{
    public const int RecordsPerReply = 10;

    public string Name => "etf";

    public string Description =>
        $"ETF decode/encode MB/s and bytes allocated per op: one EventRecord, and {{ok, [{RecordsPerReply} records]}}. Args: --verbose for BenchmarkDotNet's log.";

    public Task<int> RunAsync(string[] args, TextWriter output)
    {
        // In-process and short: the whole run takes well under a minute on the 2-core box.
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(8)
            .WithIterationTime(TimeInterval.FromMilliseconds(250));
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(args.Contains("--verbose") ? ConsoleLogger.Default : NullLogger.Instance)
            .WithOptions(ConfigOptions.DisableLogFile);

        var summary = BenchmarkRunner.Run<EtfBenchmarks>(config);
        if (summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success))
        {
            output.WriteLine("etf: benchmark run failed; rerun with --verbose for BenchmarkDotNet's log.");
            return Task.FromResult(1);
        }

        Report(summary, output);
        return Task.FromResult(0);
    }

    private static void Report(Summary summary, TextWriter output)
    {
        var recordSize = EtfBenchmarks.RecordSize;
        var replySize = EtfBenchmarks.ReplySize;
        output.WriteLine($"ETF codec on ExESDB EventRecord terms: one record = {recordSize} bytes; {{ok, [{RecordsPerReply} records]}} = {replySize} bytes.");
        output.WriteLine($"{"operation",-28} {"mean",12} {"MB/s",10} {"alloc/op",12} {"alloc/record",14}");
        foreach (var report in summary.Reports)
        {
            var name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var isReply = name.Contains("Reply", StringComparison.Ordinal);
            var bytes = isReply ? replySize : recordSize;
            var records = isReply ? RecordsPerReply : 1;
            var meanNs = report.ResultStatistics!.Mean;
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
            var megabytesPerSecond = bytes / meanNs * 1e9 / 1e6;
            output.WriteLine($"{name,-28} {meanNs / 1000,9:F2} us {megabytesPerSecond,10:F1} {allocated,10} B {allocated / records,12} B");
        }

        output.WriteLine("MB/s = encoded bytes (10^6) per second; alloc = bytes allocated on the managed heap per operation.");
    }
}
