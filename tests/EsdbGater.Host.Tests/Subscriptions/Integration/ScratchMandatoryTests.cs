using EsdbGater.Contracts;
using EsdbGater.TestKit.RabbitMq;
using MassTransit;
using Xunit.Abstractions;

namespace EsdbGater.Host.Tests.Subscriptions.Integration;

[Collection(RabbitMqFixture.CollectionName)]
public sealed class ScratchMandatoryTests(RabbitMqFixture rabbit, ITestOutputHelper output)
{
    [Fact]
    public async Task Scratch()
    {
        var client = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(rabbit.Endpoint));
        await client.StartAsync();
        var sender = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(rabbit.Endpoint));
        await sender.StartAsync();
        var received = 0;
        var handle = client.ConnectReceiveEndpoint(new TemporaryEndpointDefinition(), DefaultEndpointNameFormatter.Instance, e =>
            e.Handler<SubscriptionCaughtUp>(_ => { Interlocked.Increment(ref received); return Task.CompletedTask; }));
        var ready = await handle.Ready;
        output.WriteLine("address " + ready.InputAddress);
        var endpoint = await sender.GetSendEndpoint(ready.InputAddress);
        async Task Send(string label)
        {
            try
            {
                await endpoint.Send(new SubscriptionCaughtUp("x", "y", DateTimeOffset.UtcNow), c =>
                {
                    var ok = c.TryGetPayload<RabbitMqSendContext>(out var r);
                    if (ok) { r!.Mandatory = true; r.AwaitAck = true; }
                    output.WriteLine($"{label}: payload {ok}");
                });
                output.WriteLine($"{label}: sent OK");
            }
            catch (Exception e)
            {
                output.WriteLine($"{label}: {e.GetType().Name}: {e.Message}");
            }
        }

        await Send("before");
        await handle.StopAsync();
        output.WriteLine("stopped; received " + received);
        await Send("after1");
        await Send("after2");
        await Task.Delay(1000);
        await Send("after3");
        await sender.StopAsync();
        await client.StopAsync();
    }
}
