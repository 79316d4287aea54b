using EsdbGater.Contracts;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tests.Support;

namespace EsdbGater.Transport.Tests.Integration;

/// <summary>
/// A node that behaves like a real ExESDB 0.11 after a normal start (live check 1): no emitter
/// pool, so the feed sees no emitter group, until the gateway starts one through rex.
/// </summary>
public abstract class EmitterRepairTests<TNode>(TNode dev) : IClassFixture<TNode>
    where TNode : DevNodeConnection
{
    [Fact]
    public async Task A_missing_emitter_pool_is_visible_and_starting_it_brings_live_events()
    {
        var allEvents = new ExesdbSubscription(SubscriptionType.ByStream, "$all", "all-events");
        var group = new EmitterGroup(DevNodeConnection.Store, "$all");
        await using var feed = await dev.Exesdb.JoinEventFeedAsync(CancellationToken.None);
        Assert.DoesNotContain(group, feed.EmitterGroups);

        await dev.Exesdb.StartEmitterPoolAsync(DevNodeConnection.Store, allEvents, TimeSpan.FromSeconds(5), CancellationToken.None);
        await Eventually.StateAsync(() => feed.EmitterGroups, g => g.Contains(group), TimeSpan.FromSeconds(10), "emitter group after repair");
        await dev.Exesdb.StartEmitterPoolAsync(DevNodeConnection.Store, allEvents, TimeSpan.FromSeconds(5), CancellationToken.None);

        var stream = $"repaired-{Guid.NewGuid():N}"[..24];
        await dev.Exesdb.AppendEventsAsync(dev.Worker, stream, ExpectedVersion.NoStream, [new EventData(Guid.CreateVersion7(), "x", Json.Parse("{}"))], TimeSpan.FromSeconds(5), CancellationToken.None);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var e in feed.ReadAllAsync(deadline.Token))
        {
            if (e.Event.StreamId == stream)
            {
                return;
            }
        }

        Assert.Fail("No live event after the repair.");
    }
}

public sealed class Otp25EmitterRepairTests(Otp25DevNodeWithoutEmitters dev) : EmitterRepairTests<Otp25DevNodeWithoutEmitters>(dev);

public sealed class Otp27EmitterRepairTests(Otp27DevNodeWithoutEmitters dev) : EmitterRepairTests<Otp27DevNodeWithoutEmitters>(dev);
