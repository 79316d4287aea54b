using System.Text.Json;
using EsdbGater.Contracts;
using MassTransit;

// The quick start's round trip, as any .NET service would do it: MassTransit request clients
// over RabbitMQ to the gateway. Settings: RABBITMQ_URL (amqp://user:password@host:port/vhost),
// DEMO_STORE (default reg_gh). Exits non-zero when any step fails.
var url = Environment.GetEnvironmentVariable("RABBITMQ_URL") is { Length: > 0 } u ? u : "amqp://guest:guest@localhost:5672/";
var store = Environment.GetEnvironmentVariable("DEMO_STORE") is { Length: > 0 } s ? s : "reg_gh";
var timeout = RequestTimeout.After(s: 15);

var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(url)));
await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
try
{
    // 1. Wait until the gateway serves the store (it may still be connecting to the nodes).
    var status = bus.CreateRequestClient<GetClusterStatus>(timeout);
    var deadline = DateTime.UtcNow.AddSeconds(60);
    ClusterStatus cluster;
    while (true)
    {
        cluster = (await status.GetResponse<ClusterStatus>(new GetClusterStatus())).Message;
        if (cluster.Nodes.Any(n => n.Connected && n.Workers.Any(w => w.Store == store)) || DateTime.UtcNow > deadline)
        {
            break;
        }

        await Task.Delay(500);
    }

    Console.WriteLine($"Gateway {cluster.Gateway}:");
    foreach (var node in cluster.Nodes)
    {
        Console.WriteLine($"  {node.NodeName,-24} {(node.Connected ? "connected" : "not connected"),-14} {string.Join(", ", node.Workers.Select(w => $"{w.Store} x{w.Count}"))}");
    }

    // 2. Append three events to a new stream, expecting it not to exist yet.
    var stream = $"demo-order-{DateTime.UtcNow:yyyyMMddHHmmss}";
    var events = new[]
    {
        Event("order_placed:v1", new { orderId = stream, total = 42.50 }),
        Event("item_added:v1", new { sku = "BEAN-1KG", quantity = 2 }),
        Event("order_confirmed:v1", new { by = "demo" }),
    };
    var append = bus.CreateRequestClient<AppendEvents>(timeout);
    var appended = await append.GetResponse<EventsAppended, WrongExpectedVersion, GatewayError>(
        new AppendEvents(store, stream, events, ExpectedVersion.NoStream));
    if (!appended.Is(out Response<EventsAppended>? ok))
    {
        return Fail(appended.Message);
    }

    Console.WriteLine($"\nAppended {events.Length} events to {store}/{stream}; last event number {ok.Message.LastEventNumber}");

    // 3. Read them back.
    var read = bus.CreateRequestClient<GetEvents>(timeout);
    var readResponse = await read.GetResponse<EventsRead, GatewayError>(new GetEvents(store, stream, 0, 10));
    if (!readResponse.Is(out Response<EventsRead>? eventsRead))
    {
        return Fail(readResponse.Message);
    }

    Console.WriteLine($"Read back {eventsRead.Message.Events.Count} events:");
    foreach (var e in eventsRead.Message.Events)
    {
        Console.WriteLine($"  #{e.EventNumber} {e.EventType,-20} {JsonSerializer.Serialize(e.Data)}  (id {e.EventId})");
    }

    // 4. Optimistic concurrency: the same expectation again is refused, with the current version.
    var again = await append.GetResponse<EventsAppended, WrongExpectedVersion, GatewayError>(
        new AppendEvents(store, stream, [Event("order_placed:v1", new { duplicate = true })], ExpectedVersion.NoStream));
    if (again.Is(out Response<WrongExpectedVersion>? conflict))
    {
        Console.WriteLine($"\nAppending again with ExpectedVersion.NoStream: WrongExpectedVersion (current version {conflict.Message.CurrentVersion})");
    }
    else
    {
        return Fail(again.Message);
    }

    var roundTrip = eventsRead.Message.Events.Select(e => e.EventId).SequenceEqual(events.Select(e => e.EventId.ToString()));
    Console.WriteLine(roundTrip ? "\nRound trip complete." : "\nRound trip MISMATCH: the events read back differ from those appended.");
    return roundTrip ? 0 : 1;
}
finally
{
    await bus.StopAsync();
}

static EventData Event(string type, object data) =>
    new(Guid.CreateVersion7(), type, JsonSerializer.SerializeToElement(data));

static int Fail(object answer)
{
    Console.Error.WriteLine($"Unexpected answer: {answer}");
    return 1;
}
