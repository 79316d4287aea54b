using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.TestKit;
using EsdbGater.Transport.Tests.Support;

namespace EsdbGater.Transport.Tests.Integration;

/// <summary>What the feed and the node do when the remote scope, then the whole node, goes away.</summary>
public abstract class PgScopeLossTests<TNode>(TNode probe) : IClassFixture<TNode>
    where TNode : PgProbeNode
{
    [Fact]
    public async Task Scope_death_ends_the_feed_and_node_death_fails_calls_as_node_down()
    {
        var feed = await probe.Exesdb.JoinEventFeedAsync(CancellationToken.None);
        await probe.ProbeAsync("start_emitter", ErlAtom.Of("reg_gh"), "$all");
        await Eventually.StateAsync(() => feed.EmitterGroups, g => g.Count == 1, TimeSpan.FromSeconds(10), "emitter group seen");

        await probe.ProbeAsync("stop_scope");

        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await foreach (var _ in feed.ReadAllAsync(deadline.Token))
            {
                Assert.Fail("No event was broadcast.");
            }
        }

        Assert.Empty(feed.EmitterGroups);
        await feed.DisposeAsync();
        var noScope = await Assert.ThrowsAsync<ExesdbCallException>(() => probe.Exesdb.JoinEventFeedAsync(CancellationToken.None));
        Assert.Equal(ExesdbCallFailure.NoProcess, noScope.Failure);

        await probe.Node.KillAsync();
        await probe.Exesdb.Disconnected.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(probe.Exesdb.IsConnected);
        var down = await Assert.ThrowsAsync<ExesdbCallException>(() => probe.Exesdb.ListGatewayWorkersAsync(["reg_gh"], TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.Equal(ExesdbCallFailure.NodeDown, down.Failure);
        Assert.True(down.OutcomeUnknown);
        var feedDown = await Assert.ThrowsAsync<ExesdbCallException>(() => probe.Exesdb.JoinEventFeedAsync(CancellationToken.None));
        Assert.Equal(ExesdbCallFailure.NodeDown, feedDown.Failure);
    }
}

public sealed class Otp25ScopeLossNode() : PgProbeNode(BeamRuntime.Otp25Host);

public sealed class Otp27ScopeLossNode() : PgProbeNode(BeamRuntime.Otp27Chroot);

public sealed class Otp25PgScopeLossTests(Otp25ScopeLossNode probe) : PgScopeLossTests<Otp25ScopeLossNode>(probe);

public sealed class Otp27PgScopeLossTests(Otp27ScopeLossNode probe) : PgScopeLossTests<Otp27ScopeLossNode>(probe);
