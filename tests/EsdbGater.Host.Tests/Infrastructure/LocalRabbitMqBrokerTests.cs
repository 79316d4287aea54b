using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using EsdbGater.TestKit.RabbitMq;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Xunit.Abstractions;

namespace EsdbGater.Host.Tests.Infrastructure;

public sealed class LocalRabbitMqBrokerTests(ITestOutputHelper output)
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Broker_listens_on_loopback_carries_a_message_and_leaves_nothing_behind()
    {
        var clock = Stopwatch.StartNew();
        var broker = await LocalRabbitMqBroker.StartAsync(RabbitMqBrokers.StartTimeout);
        output.WriteLine($"{broker.Description} accepted AMQP after {clock.Elapsed.TotalSeconds:0.00} s");
        var endpoint = broker.Endpoint;
        var (brokerPid, epmdPid, stateDirectory) = (broker.BrokerProcessId, broker.EpmdProcessId, broker.StateDirectory);
        try
        {
            var listeners = LoopbackListeners.AddressesListeningOn(endpoint.Port);
            Assert.NotEmpty(listeners);
            Assert.All(listeners, address => Assert.True(LoopbackListeners.IsLoopback(address), $"AMQP listens on {address}"));

            var body = "ping " + Guid.NewGuid();
            Assert.Equal(body, await RoundTripAsync(endpoint, body));
        }
        finally
        {
            clock.Restart();
            await broker.DisposeAsync();
            output.WriteLine($"stopped in {clock.Elapsed.TotalSeconds:0.00} s");
        }

        Assert.False(Directory.Exists($"/proc/{brokerPid}"), $"broker process {brokerPid} still exists");
        Assert.False(Directory.Exists($"/proc/{epmdPid}"), $"epmd process {epmdPid} still exists");
        Assert.False(Directory.Exists(stateDirectory), $"{stateDirectory} still exists");
        using var probe = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync(endpoint.Host, endpoint.Port));
    }

    private static async Task<string> RoundTripAsync(RabbitMqEndpoint endpoint, string body)
    {
        await using var connection = await endpoint.CreateConnectionFactory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = await channel.QueueDeclareAsync(queue: string.Empty, durable: false, exclusive: true, autoDelete: true);

        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            received.TrySetResult(Encoding.UTF8.GetString(delivery.Body.Span));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        await channel.BasicPublishAsync(exchange: string.Empty, routingKey: queue.QueueName, body: Encoding.UTF8.GetBytes(body));

        return await received.Task.WaitAsync(DeliveryTimeout);
    }
}
