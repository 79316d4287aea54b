namespace EsdbGater.Benchmarks.Gateway;

/// <summary>
/// Requests per second and latency of the gateway's main operations, from a MassTransit request
/// client through a real RabbitMQ and a real gateway host process to three development ExESDB
/// nodes; the same operations straight through the tcp transport plugin on the same cluster,
/// so the report separates what the bus and the host add from what the nodes cost; the CPU time
/// each process spends per request; and the gateway process's memory before and after.
/// </summary>
public sealed class GatewayScenario : IBenchmarkScenario
{
    private const int PageSize = 10;
    private const int BatchSize = 10;

    public string Name => "gateway";

    public string Description =>
        "Gateway end to end (MassTransit client -> RabbitMQ -> gateway process -> 3 dev ExESDB nodes) vs the tcp transport plugin direct: "
        + "append 1 / 10 events, get_events 10, get_version; req/s, p50/p99, CPU per request of client, broker, host and nodes; gateway RSS. Args: " + GatewayScenarioOptions.Usage + ".";

    public async Task<int> RunAsync(string[] args, TextWriter output)
    {
        GatewayScenarioOptions options;
        try
        {
            options = GatewayScenarioOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            output.WriteLine(e.Message);
            return 2;
        }

        var loadAtStart = LoadAverage.Read();
        using var setup = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        Progress("starting RabbitMQ, 3 development ExESDB nodes and the gateway process...");
        await using var topology = await GatewayTopology.StartAsync(setup.Token);
        await using var direct = await DirectPath.ConnectAsync(topology.Cluster, GatewayTopology.Store, setup.Token);
        var gateway = new GatewayPath(topology.Bus, GatewayTopology.EndpointPrefix, GatewayTopology.Store);
        var memoryBefore = ProcessMemory.Read(topology.Gateway.ProcessId);

        var streams = new BenchmarkStreams(options.Callers);
        await streams.SeedAsync(gateway, setup.Token);

        var cases = Cases(streams, options.Callers);
        await WarmUpAsync(cases, [gateway, direct], options);
        var memoryWarm = ProcessMemory.Read(topology.Gateway.ProcessId);
        var loadBeforeMeasuring = LoadAverage.Read();
        var cpu = topology.CreateCpuMeter();
        List<CaseMeasurement> rows = [];
        foreach (var loadCase in cases)
        {
            rows.Add(new CaseMeasurement(loadCase, await MeasureAsync(loadCase, gateway, options, cpu), await MeasureAsync(loadCase, direct, options, cpu)));
        }

        var memoryAfter = ProcessMemory.Read(topology.Gateway.ProcessId);
        var loadAtEnd = LoadAverage.Read();

        var cluster = topology.Cluster.Options;
        output.WriteLine($"Gateway benchmark: {GatewayTopology.NodeCount} development ExESDB nodes ({cluster.Runtime}, {cluster.Storage} storage, {cluster.GatewayPoolSize} gateway worker per store and node, log level {cluster.LogLevel}),");
        output.WriteLine($"  RabbitMQ: {topology.Broker.Description}; one gateway process (pid {topology.Gateway.ProcessId}); client and direct transport in this process; all on 127.0.0.1.");
        output.WriteLine($"  {options.Seconds:0.#} s per case and path, after a warm-up round of all cases and {options.WarmupSeconds:0.#} s warm-up right before each (at most {options.MaxRequests} requests each); {options.Callers} streams of {BenchmarkStreams.SeedEvents}+ events reused by all cases.");
        output.WriteLine($"  Machine: {Environment.ProcessorCount} cores shared with everything above; load average {loadAtStart} at start, {loadBeforeMeasuring} before measuring, {loadAtEnd} at the end.");
        output.WriteLine();
        GatewayReport.WriteTable(output, rows);
        output.WriteLine();
        GatewayReport.WriteCpuTable(output, rows, cpu.Parts);
        output.WriteLine();
        output.WriteLine($"Gateway process memory: ready and idle {GatewayReport.Memory(memoryBefore)}; after the warm-up round {GatewayReport.Memory(memoryWarm)};");
        output.WriteLine($"  after all cases {GatewayReport.Memory(memoryAfter)}.");

        Progress("stopping the gateway, the nodes and the broker...");
        return rows.Any(r => r.Gateway.Load.Errors + r.Direct.Load.Errors > 0 || r.Gateway.Load.Requests == 0 || r.Direct.Load.Requests == 0) ? 1 : 0;
    }

    private static IReadOnlyList<LoadCase> Cases(BenchmarkStreams streams, int callers) =>
    [
        new("append 1 event", 1, 1, (path, _, sequence, ct) => path.AppendAsync(streams[0], [BenchmarkStreams.NewEvent(sequence)], ct)),
        new("append 1 event", callers, 1, (path, caller, sequence, ct) => path.AppendAsync(streams[caller], [BenchmarkStreams.NewEvent(sequence)], ct)),
        new($"append {BatchSize}-event batch", 1, BatchSize, (path, _, _, ct) => path.AppendAsync(streams[0], BenchmarkStreams.NewEvents(BatchSize), ct)),
        new($"get_events {PageSize}", 1, PageSize, (path, _, _, ct) => ReadFirstPageAsync(path, streams[0], ct)),
        new($"get_events {PageSize}", callers, PageSize, (path, caller, _, ct) => ReadFirstPageAsync(path, streams[caller], ct)),
        new("get_version", 1, 0, (path, _, _, ct) => ReadSeededVersionAsync(path, streams[0], ct)),
    ];

    // The first page of a seeded stream: always full, numbered 0..9.
    private static async Task ReadFirstPageAsync(IStorePath path, string stream, CancellationToken cancellationToken)
    {
        var events = await path.ReadAsync(stream, 0, PageSize, cancellationToken).ConfigureAwait(false);
        if (events.Count != PageSize || events[0].EventNumber != 0 || events[^1].EventNumber != PageSize - 1)
        {
            throw new InvalidOperationException($"get_events returned {events.Count} events ({string.Join(',', events.Select(e => e.EventNumber))}), expected 0..{PageSize - 1}.");
        }
    }

    private static async Task ReadSeededVersionAsync(IStorePath path, string stream, CancellationToken cancellationToken)
    {
        var version = await path.VersionAsync(stream, cancellationToken).ConfigureAwait(false);
        if (version < BenchmarkStreams.SeedEvents - 1)
        {
            throw new InvalidOperationException($"get_version returned {version} for a stream of at least {BenchmarkStreams.SeedEvents} events.");
        }
    }

    // Every code path once before anything is measured, so that tiered JIT compilation in this
    // process and in the gateway has settled before the first case rather than during it.
    private static async Task WarmUpAsync(IReadOnlyList<LoadCase> cases, IReadOnlyList<IStorePath> paths, GatewayScenarioOptions options)
    {
        if (options.Warmup <= TimeSpan.Zero)
        {
            return;
        }

        Progress($"warming up: every case on every path for {options.WarmupSeconds:0.#} s");
        foreach (var loadCase in cases)
        {
            foreach (var path in paths)
            {
                await LoadRunner.RunAsync(loadCase, path, options.Warmup, options.MaxRequests).ConfigureAwait(false);
            }
        }
    }

    private static async Task<PathMeasurement> MeasureAsync(LoadCase loadCase, IStorePath path, GatewayScenarioOptions options, CpuMeter cpu)
    {
        Progress($"{loadCase.Operation} x{loadCase.Callers} on {path.Name}: warm-up {options.WarmupSeconds:0.#} s, then {options.Seconds:0.#} s");
        if (options.Warmup > TimeSpan.Zero)
        {
            await LoadRunner.RunAsync(loadCase, path, options.Warmup, options.MaxRequests).ConfigureAwait(false);
        }

        var before = cpu.Read();
        var load = await LoadRunner.RunAsync(loadCase, path, options.Duration, options.MaxRequests).ConfigureAwait(false);
        return new PathMeasurement(load, CpuMeter.Between(before, cpu.Read()));
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[gateway {DateTime.Now:HH:mm:ss}] {message}");
}
