using System.Net;
using EsdbGater.Discovery.Gossip.Heartbeats;
using EsdbGater.Gossip.Tests.Support;
using EsdbGater.TestKit;

namespace EsdbGater.Gossip.Tests.Integration;

/// <summary>
/// Real BEAM processes send libcluster-format heartbeats over loopback; the plugin listens on a
/// free loopback port (never 45892, which a real cluster on this machine may use).
/// </summary>
public sealed class BeamHeartbeatTests
{
    private const string Secret = "my_veryT0pS3cr3t_for_tests";

    [Fact]
    public async Task Otp25_plaintext_heartbeats_are_discovered()
    {
        await using var discovery = TestGossip.Create();
        await discovery.StartAsync(CancellationToken.None);

        await using var sender = await ErlangHeartbeatSender.StartAsync("plain_node@127.0.0.1", discovery.LocalEndPoint!.Port, secret: null);

        var snapshot = await discovery.WaitForNodeAsync("plain_node@127.0.0.1");
        Assert.Equal("25", sender.OtpRelease);
        Assert.Null(Assert.Single(snapshot.Nodes).EpmdHost);
    }

    [Fact]
    public async Task Otp25_encrypted_heartbeats_are_discovered_with_the_right_secret_and_not_with_a_wrong_one()
    {
        await using var discovery = TestGossip.Create(secret: Secret);
        await discovery.StartAsync(CancellationToken.None);
        var port = discovery.LocalEndPoint!.Port;

        await using var good = await ErlangHeartbeatSender.StartAsync("good_node@127.0.0.1", port, Secret);
        await using var bad = await ErlangHeartbeatSender.StartAsync("bad_node@127.0.0.1", port, "another_secret");

        await discovery.WaitForNodeAsync("good_node@127.0.0.1");

        // The wrong-secret node's heartbeats did arrive (and were rejected), so its absence means something.
        await TestGossip.PollUntilAsync(
            () => discovery.Statistics.Ignored(IgnoreReason.DecryptionFailed) + discovery.Statistics.Ignored(IgnoreReason.NoHeartbeatPrefix) >= 5,
            "five heartbeats under the wrong secret");
        Assert.Equal(["good_node@127.0.0.1"], discovery.Current.Nodes.Select(n => n.NodeName));
    }

    [Fact]
    public async Task Otp27_encrypted_heartbeats_with_utf8_atoms_are_discovered()
    {
        await using var discovery = TestGossip.Create(secret: Secret);
        await discovery.StartAsync(CancellationToken.None);

        await using var sender = await ErlangHeartbeatSender.StartAsync("otp27_node@127.0.0.1", discovery.LocalEndPoint!.Port, Secret, runtime: BeamRuntime.Otp27Chroot);

        await discovery.WaitForNodeAsync("otp27_node@127.0.0.1");
        Assert.Equal("27", sender.OtpRelease);
    }

    [Fact]
    public async Task Multicast_on_loopback_reaches_every_listener_sharing_the_port()
    {
        // Both listeners bind the group address itself (so only group datagrams arrive) on one
        // port, and join the group on 127.0.0.1; the sender pins multicast_if to 127.0.0.1, TTL 0.
        var group = IPAddress.Parse("239.255.0.1");
        var options = TestGossip.LoopbackOptions with { Interface = group, MulticastAddress = group };
        await using var first = TestGossip.Create(options, secret: Secret);
        await first.StartAsync(CancellationToken.None);
        await using var second = TestGossip.Create(options with { Port = first.LocalEndPoint!.Port }, secret: Secret);
        await second.StartAsync(CancellationToken.None);

        await using var sender = await ErlangHeartbeatSender.StartAsync("mcast_node@127.0.0.1", first.LocalEndPoint.Port, Secret, group);

        await first.WaitForNodeAsync("mcast_node@127.0.0.1");
        await second.WaitForNodeAsync("mcast_node@127.0.0.1");
    }

    [Fact]
    public async Task A_node_that_stops_heartbeating_is_reported_gone()
    {
        var options = TestGossip.LoopbackOptions with { ExpireAfter = TimeSpan.FromSeconds(1) };
        await using var discovery = TestGossip.Create(options);
        await discovery.StartAsync(CancellationToken.None);
        var sender = await ErlangHeartbeatSender.StartAsync("leaving_node@127.0.0.1", discovery.LocalEndPoint!.Port, secret: null);
        await discovery.WaitForNodeAsync("leaving_node@127.0.0.1");

        await sender.DisposeAsync();

        await discovery.WaitForAsync(s => s.Nodes.Count == 0, "the stopped node to expire");
    }
}
