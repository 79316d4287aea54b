using EsdbGater.TestKit.RabbitMq;
using MassTransit;
using Xunit.Abstractions;

namespace EsdbGater.Host.Tests.Infrastructure;

[Collection(RabbitMqFixture.CollectionName)]
public sealed class RabbitMqFixtureTests(RabbitMqFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_MassTransit_bus_configured_from_the_fixture_delivers_a_published_message()
    {
        output.WriteLine($"{fixture.Broker.Description}, started in {fixture.StartupTime.TotalSeconds:0.00} s");
        var received = new TaskCompletionSource<FixturePing>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bus = Bus.Factory.CreateUsingRabbitMq(bus =>
        {
            bus.Host(fixture.Endpoint);
            bus.ReceiveEndpoint($"esdbgater-testkit-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                endpoint.Handler<FixturePing>(context =>
                {
                    received.TrySetResult(context.Message);
                    return Task.CompletedTask;
                });
            });
        });

        await bus.StartAsync(TimeSpan.FromSeconds(30));
        try
        {
            var ping = new FixturePing(Guid.NewGuid());
            await bus.Publish(ping);

            Assert.Equal(ping, await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            await bus.StopAsync(TimeSpan.FromSeconds(10));
        }
    }
}

/// <summary>The message of <see cref="RabbitMqFixtureTests"/>.</summary>
public sealed record FixturePing(Guid Id);
