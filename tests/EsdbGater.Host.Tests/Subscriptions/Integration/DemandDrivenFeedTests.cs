using EsdbGater.Host.Cluster;
using EsdbGater.Host.Subscriptions.Seams;
using EsdbGater.Host.Tests.Fakes;
using EsdbGater.TestKit.RabbitMq;

namespace EsdbGater.Host.Tests.Subscriptions.Integration;

/// <summary>
/// A replica joins the nodes' PubSub feeds only while a subscription consumes them: a pg member
/// pays for every event appended in the cluster, which a replica without subscriptions must not.
/// </summary>
[Collection(RabbitMqFixture.CollectionName)]
public sealed class DemandDrivenFeedTests(RabbitMqFixture rabbit, StartedClusterFixture node) : IClassFixture<StartedClusterFixture>
{
    private const string Store = "reg_gh";

    [Fact]
    public async Task Feeds_are_joined_while_a_consumer_exists_and_left_when_the_last_one_goes()
    {
        await using var gateway = await InProcessGateway.StartAsync(node.Cluster, rabbit.Endpoint, "sub-" + Guid.NewGuid().ToString("N")[..8]);
        await gateway.Get<IClusterView>().WaitUntilAsync(s => s.Nodes.Values.Any(n => n.IsHealthy));
        var feed = gateway.Get<ILiveFeedSource>();
        Assert.Equal(0, feed.GetStatus(Store).ConnectedFeeds);

        var first = feed.Subscribe(Store, _ => { });
        var second = feed.Subscribe(Store, _ => { });
        await ClusterViewExtensions.EventuallyAsync(() => feed.GetStatus(Store).HasEmitters, "the feed to be joined on demand");

        first.Dispose();
        Assert.Equal(1, feed.GetStatus(Store).ConnectedFeeds); // One consumer still reads it.
        second.Dispose();
        await ClusterViewExtensions.EventuallyAsync(() => feed.GetStatus(Store).ConnectedFeeds == 0, "the feed to be left after the last consumer");

        using var again = feed.Subscribe(Store, _ => { });
        await ClusterViewExtensions.EventuallyAsync(() => feed.GetStatus(Store).HasEmitters, "the feed to be joined again");
    }
}
