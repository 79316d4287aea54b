using EsdbGater.Contracts;
using EsdbGater.EndToEnd.Tests.Fixtures;
using EsdbGater.TestKit.Gateway;

namespace EsdbGater.EndToEnd.Tests;

/// <summary>
/// ExESDB's writers are per node and check versions against a local read: two nodes appending to
/// one stream overwrite each other's events. The gateway pins a stream to one node, so
/// concurrent appenders, even through two gateway replicas, never lose an event.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ConcurrencyTests(EndToEndFixture fixture)
{
    [Fact]
    public async Task Two_concurrent_appenders_through_two_gateway_replicas_never_overwrite_each_other()
    {
        await using var replica = await fixture.StartGatewayAsync();
        var stream = Events.Stream("contended");
        const int perAppender = 25;

        async Task<List<Guid>> AppendAsync()
        {
            var client = fixture.Client<AppendEvents>();
            var written = new List<Guid>();
            for (var i = 0; i < perAppender; i++)
            {
                var e = Events.New();
                var response = await client.GetResponse<EventsAppended, WrongExpectedVersion, GatewayError>(new AppendEvents(EndToEndFixture.Store, stream, [e]));
                Assert.IsType<EventsAppended>(response.Message);
                written.Add(e.EventId);
            }

            return written;
        }

        var appenders = await Task.WhenAll(AppendAsync(), AppendAsync());

        var read = await fixture.Client<GetEvents>().GetResponse<EventsRead, GatewayError>(new GetEvents(EndToEndFixture.Store, stream, 0, 100));
        var events = Assert.IsType<EventsRead>(read.Message).Events;
        Assert.Equal(Enumerable.Range(0, 2 * perAppender).Select(i => (long)i), events.Select(e => e.EventNumber));
        Assert.Equal(appenders.SelectMany(a => a).Select(id => id.ToString()).Order(), events.Select(e => e.EventId).Order());
        Assert.Contains(GatewayProcess.ReadyLine, replica.Output);
    }
}
