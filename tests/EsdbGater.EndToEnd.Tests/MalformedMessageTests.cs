using System.Text;
using EsdbGater.Contracts;
using EsdbGater.EndToEnd.Tests.Fixtures;
using RabbitMQ.Client;

namespace EsdbGater.EndToEnd.Tests;

/// <summary>A message the gateway cannot deserialise ends in the error queue; the endpoint keeps serving.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class MalformedMessageTests(EndToEndFixture fixture)
{
    [Fact]
    public async Task An_undeserialisable_request_goes_to_the_error_queue_and_the_gateway_keeps_serving()
    {
        const string errorQueue = "esdb-gater.get-version_error";
        await using var connection = await fixture.Broker.CreateConnectionFactory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var before = await ErrorCount(connection, errorQueue);

        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", MessageId = Guid.NewGuid().ToString() };
        await channel.BasicPublishAsync("EsdbGater.Contracts:GetVersion", "", mandatory: false, properties, Encoding.UTF8.GetBytes("{ this is not json"));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await ErrorCount(connection, errorQueue) <= before)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{errorQueue} never received the malformed message.\n{fixture.Gateway.Output}");
            await Task.Delay(100);
        }

        var response = await fixture.Client<GetVersion>().GetResponse<StreamVersion, GatewayError>(new GetVersion(EndToEndFixture.Store, Events.Stream("after-junk")));
        Assert.Equal(-1, Assert.IsType<StreamVersion>(response.Message).Version);
    }

    private static async Task<uint> ErrorCount(IConnection connection, string queue)
    {
        try
        {
            // A passive declare of a missing queue closes its channel: probe on a channel of its own.
            await using var probe = await connection.CreateChannelAsync();
            return (await probe.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0; // not declared yet: no error so far
        }
    }
}
