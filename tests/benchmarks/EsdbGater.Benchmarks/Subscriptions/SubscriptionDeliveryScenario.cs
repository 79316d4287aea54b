using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EsdbGater.Contracts;
using EsdbGater.TestKit.ExesdbDev;
using EsdbGater.TestKit.Gateway;
using EsdbGater.TestKit.RabbitMq;
using MassTransit;

namespace EsdbGater.Benchmarks.Subscriptions;

/// <summary>
/// Subscription delivery through the real gateway process: a RabbitMQ broker, a development
/// ExESDB node and the built host (with its plugins), and a MassTransit client that appends and
/// consumes. Measures catch-up throughput (history read and delivered), live throughput, and the
/// lag from an append request leaving the client to the event arriving at the subscriber
/// (p50/p99), with PubSub delivery and with polling (ExESDB 0.11's no-emitter start).
/// </summary>
public sealed class SubscriptionDeliveryScenario : IBenchmarkScenario
{
    private const string Store = "reg_gh";
    private const string TimestampField = "sentAt";

    public string Name => "subscriptions";

    public string Description =>
        "Subscription delivery through the gateway process (build host/EsdbGater.Host in the same configuration first): catch-up and live events/s, append-to-delivery lag p50/p99, PubSub vs polling. Args: --history N (default 5000), --live N (default 2000), --probes N (default 300).";

    public async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var history = IntArg(args, "--history", 5000);
        var live = IntArg(args, "--live", 2000);
        var probes = IntArg(args, "--probes", 300);
        await using var broker = await RabbitMqBrokers.StartAsync();
        output.WriteLine($"Broker: {broker.Description}. {System.Environment.ProcessorCount} cores shared by broker, node, gateway and client.");

        foreach (var mode in new[] { DevEmitterMode.Started, DevEmitterMode.Exesdb011 })
        {
            await using var cluster = await DevCluster.StartAsync(new DevClusterOptions { EmitterMode = mode, Storage = DevStorage.Ram });
            var prefix = "bench-" + Guid.NewGuid().ToString("N")[..8];
            await using var gateway = await GatewayProcess.StartAsync(GatewayEnvironment(cluster, broker.Endpoint, prefix), TimeSpan.FromSeconds(90));
            await using var client = await BenchClient.StartAsync(broker.Endpoint, prefix);

            output.WriteLine();
            output.WriteLine(mode == DevEmitterMode.Started
                ? "Development node with its emitter pool (live events through ExESDB's PubSub):"
                : "Development node in ExESDB 0.11 mode (no emitter pool: live events found by polling, 20 ms to 2 s back-off):");
            await MeasureAsync(client, history, live, probes, output);
        }

        return 0;
    }

    private static async Task MeasureAsync(BenchClient client, int history, int live, int probes, TextWriter output)
    {
        // Catch-up: history written first, then a subscription from the beginning.
        var catchUp = client.NewSubscription("catchup");
        await client.AppendAsync("bench-history", history, batch: 100);
        var clock = Stopwatch.StartNew();
        await client.SaveAsync(catchUp, "$bench-history");
        await catchUp.WaitForAsync(history);
        output.WriteLine($"  catch-up: {history} events delivered in {clock.Elapsed.TotalSeconds:0.00} s = {history / clock.Elapsed.TotalSeconds:N0} events/s");

        // Live throughput: appends in batches of 50 from 4 writers, one stream each, to a $all subscription.
        var throughput = client.NewSubscription("live");
        await client.SaveAsync(throughput, "$all", StartFrom.End);
        await throughput.WaitForCaughtUpAsync();
        clock.Restart();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => client.AppendAsync($"bench-live-{w}", live / 4, batch: 50)));
        var appended = clock.Elapsed;
        await throughput.WaitForAsync(live);
        output.WriteLine($"  live: {live} events appended in {appended.TotalSeconds:0.00} s, all delivered after {clock.Elapsed.TotalSeconds:0.00} s = {live / clock.Elapsed.TotalSeconds:N0} events/s");

        // Lag: one event at a time, each timestamped when its append request leaves the client.
        var lag = client.NewSubscription("lag");
        await client.SaveAsync(lag, "$bench-lag", StartFrom.End);
        await lag.WaitForCaughtUpAsync();
        for (var i = 0; i < probes; i++)
        {
            await client.AppendAsync("bench-lag", 1, batch: 1);
            await lag.WaitForAsync(i + 1);
        }

        var lags = lag.Lags.Order().ToList();
        output.WriteLine($"  append-to-delivery lag over {probes} sequential events: p50 {Percentile(lags, 0.50):0.0} ms, p99 {Percentile(lags, 0.99):0.0} ms, max {lags[^1]:0.0} ms");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static Dictionary<string, string> GatewayEnvironment(DevCluster cluster, RabbitMqEndpoint broker, string prefix) => new()
    {
        ["RABBITMQ_URL"] = broker.AmqpUri.ToString(),
        ["EX_ESDB_COOKIE"] = cluster.Cookie,
        ["EX_ESDB_GATER_CONNECT_TO"] = string.Join(',', cluster.NodeNames),
        ["ERL_EPMD_PORT"] = cluster.EpmdPort.ToString(CultureInfo.InvariantCulture),
        ["Gateway__Stores__0"] = Store,
        ["Gateway__Bus__EndpointPrefix"] = prefix,
        ["Subscriptions__PollMinInterval"] = "00:00:00.020",
        ["LOG_LEVEL"] = "info", // the ready line the launcher waits for is logged at info
    };

    private static int IntArg(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>The benchmark's MassTransit client: appends, saves subscriptions, consumes their destinations.</summary>
    private sealed class BenchClient(IBusControl bus, string prefix) : IAsyncDisposable
    {
        public static async Task<BenchClient> StartAsync(RabbitMqEndpoint broker, string prefix)
        {
            var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(broker));
            await bus.StartAsync();
            return new BenchClient(bus, prefix);
        }

        public Receiver NewSubscription(string name)
        {
            var receiver = new Receiver(name, $"{prefix}.{name}");
            var handle = bus.ConnectReceiveEndpoint(receiver.Queue, e =>
            {
                e.ConfigureConsumeTopology = false;
                e.PrefetchCount = 256;
                e.ConcurrentMessageLimit = 1;
                e.Handler<SubscribedEvent>(c => receiver.Add(c.Message));
                e.Handler<SubscriptionCaughtUp>(_ => receiver.CaughtUp());
            });
            handle.Ready.GetAwaiter().GetResult();
            return receiver;
        }

        public async Task SaveAsync(Receiver receiver, string selector, StartFrom? startFrom = null)
        {
            var client = bus.CreateRequestClient<SaveSubscription>(new Uri($"queue:{prefix}.save-subscription"), RequestTimeout.After(s: 60));
            var response = await client.GetResponse<SubscriptionSaved, GatewayError>(
                new SaveSubscription(Store, receiver.Name, SubscriptionType.ByStream, selector, receiver.Queue, StartFrom: startFrom, MaxInFlight: 512));
            if (response.Message is GatewayError error)
            {
                throw new InvalidOperationException("SaveSubscription failed: " + error);
            }
        }

        public async Task AppendAsync(string stream, int count, int batch)
        {
            var client = bus.CreateRequestClient<AppendEvents>(new Uri($"queue:{prefix}.append-events"), RequestTimeout.After(s: 60));
            for (var written = 0; written < count; written += batch)
            {
                var sentAt = Stopwatch.GetTimestamp();
                var events = Enumerable.Range(0, Math.Min(batch, count - written))
                    .Select(i => new EventData(Guid.CreateVersion7(), "bench_event:v1", JsonSerializer.SerializeToElement(new Dictionary<string, long> { [TimestampField] = sentAt, ["i"] = written + i })))
                    .ToList();
                var response = await client.GetResponse<EventsAppended, WrongExpectedVersion, GatewayError>(new AppendEvents(Store, stream, events));
                if (response.Message is not EventsAppended)
                {
                    throw new InvalidOperationException("AppendEvents failed: " + response.Message);
                }
            }
        }

        public async ValueTask DisposeAsync() => await bus.StopAsync();
    }

    /// <summary>What one subscription's destination received, with the lag of each event.</summary>
    private sealed class Receiver(string name, string queue)
    {
        private readonly ConcurrentDictionary<(string, long), bool> _distinct = new();
        private readonly ConcurrentQueue<double> _lags = new();
        private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => name;

        public string Queue => queue;

        public IEnumerable<double> Lags => _lags;

        public Task Add(SubscribedEvent e)
        {
            var now = Stopwatch.GetTimestamp();
            if (_distinct.TryAdd((e.StreamId, e.EventNumber), true) && e.Event.Data.TryGetProperty(TimestampField, out var sentAt))
            {
                _lags.Enqueue(Stopwatch.GetElapsedTime(sentAt.GetInt64(), now).TotalMilliseconds);
            }

            Interlocked.Exchange(ref _arrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            return Task.CompletedTask;
        }

        public Task CaughtUp()
        {
            _caughtUp.TrySetResult();
            return Task.CompletedTask;
        }

        public Task WaitForCaughtUpAsync() => _caughtUp.Task.WaitAsync(TimeSpan.FromSeconds(60));

        public async Task WaitForAsync(int distinct)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
            while (true)
            {
                var arrived = Volatile.Read(ref _arrived).Task;
                if (_distinct.Count >= distinct)
                {
                    return;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{name}: {_distinct.Count} of {distinct} events delivered");
                }

                await Task.WhenAny(arrived, Task.Delay(TimeSpan.FromSeconds(1)));
            }
        }
    }
}
