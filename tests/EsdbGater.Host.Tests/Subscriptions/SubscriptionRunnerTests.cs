using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Engine;
using EsdbGater.Host.Subscriptions.Seams;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Tests.Subscriptions;

/// <summary>The delivery engine of one subscription, against fakes of its seams.</summary>
public sealed class SubscriptionRunnerTests : IAsyncLifetime
{
    private const string Stream = "orders-1";
    private readonly EngineHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task History_then_live_arrive_in_order_without_gap_or_duplicate_while_live_events_race_the_catch_up()
    {
        _h.Store.Append(Stream, 300);
        _h.Delivery.Hold = true;
        await _h.StartRunnerAsync(EngineHarness.Definition(maxInFlight: 16));

        // The first send is awaited alone; then catch-up runs until the window is full. Append
        // "live" events while it is held there.
        await _h.Delivery.Changes.WaitAsync(() => _h.Delivery.Events.Count >= 1, "the first event of history");
        _h.Delivery.Release();
        await _h.Delivery.Changes.WaitAsync(() => _h.Delivery.Events.Count >= 17, "a full window of history");
        _h.Store.Append(Stream, 200);
        _h.Delivery.Hold = false;
        _h.Delivery.Release();

        await _h.Delivery.WaitForDistinctAsync(500);
        Assert.Equal(Enumerable.Range(0, 500).Select(n => (long)n), _h.Delivery.Events.Select(e => e.EventNumber));
        var messages = _h.Delivery.Messages;
        var caughtUp = messages.Select((m, i) => (m, i)).Single(x => x.m is SubscriptionCaughtUp).i;
        Assert.All(messages.Take(caughtUp).OfType<SubscribedEvent>(), e => Assert.True(e.EventNumber < 500));
        Assert.Equal(300, messages.Take(caughtUp).OfType<SubscribedEvent>().Count(e => e.EventNumber < 300));
        Assert.All(_h.Delivery.Events, e => Assert.False(e.Redelivered));
    }

    [Fact]
    public async Task Repeated_broadcasts_are_delivered_once()
    {
        _h.Feed.Copies = 3;
        await _h.StartRunnerAsync(EngineHarness.Definition());
        await _h.Delivery.WaitForAsync<SubscriptionCaughtUp>();

        _h.Store.Append(Stream, 50);

        await _h.Delivery.WaitForDistinctAsync(50);
        await _h.Delivery.WaitForAsync<SubscribedEvent>(e => e.EventNumber == 49);
        Assert.Equal(Enumerable.Range(0, 50).Select(n => (long)n), _h.Delivery.Events.Select(e => e.EventNumber));
    }

    [Fact]
    public async Task Broadcasts_that_never_arrive_are_read_from_the_store_in_order()
    {
        _h.Feed.Drop = e => e.EventNumber % 3 == 1;
        await _h.StartRunnerAsync(EngineHarness.Definition());
        await _h.Delivery.WaitForAsync<SubscriptionCaughtUp>();

        _h.Store.Append(Stream, 60);

        await _h.Delivery.WaitForDistinctAsync(60);
        Assert.Equal(Enumerable.Range(0, 60).Select(n => (long)n), _h.Delivery.Events.Select(e => e.EventNumber));
    }

    [Fact]
    public async Task Without_an_emitter_pool_new_events_are_found_by_polling_and_the_state_says_so()
    {
        _h.Feed.Emitting = false;
        var runner = await _h.StartRunnerAsync(EngineHarness.Definition());
        await _h.Delivery.WaitForAsync<SubscriptionCaughtUp>();

        _h.Store.Append(Stream, 40);

        await _h.Delivery.WaitForDistinctAsync(40);
        Assert.Equal(Enumerable.Range(0, 40).Select(n => (long)n), _h.Delivery.Events.Select(e => e.EventNumber));
        Assert.Equal(LiveFeedState.PollingNoEmitters, runner.Snapshot.Status.LiveFeed);
        Assert.Equal(0, _h.Feed.Repairs);
    }

    [Fact]
    public async Task A_missing_emitter_pool_is_repaired_when_configured_and_delivery_switches_to_live_without_a_gap()
    {
        _h.Options.RepairEmitters = true;
        _h.Feed.Emitting = false;
        _h.Store.Append(Stream, 10, broadcast: false);
        var runner = await _h.StartRunnerAsync(EngineHarness.Definition());
        await _h.Delivery.WaitForDistinctAsync(10);

        // The repair brings the pool: the runner notices and reads what was appended meanwhile.
        _h.Feed.RepairWorks = true;
        await _h.Feed.Changes.WaitAsync(() => _h.Feed.Emitting, "the repaired pool");
        _h.Store.Append(Stream, 20);

        await _h.Delivery.WaitForDistinctAsync(30);
        Assert.True(_h.Feed.Repairs >= 1);
        Assert.Equal(Enumerable.Range(0, 30).Select(n => (long)n), _h.Delivery.Events.Select(e => e.EventNumber));
    }

    [Fact]
    public async Task Polling_many_streams_is_spaced_by_its_cost()
    {
        _h.Options.PollCallsPerSecond = 50;
        _h.Feed.Emitting = false;
        for (var i = 0; i < 20; i++)
        {
            _h.Store.Append($"s-{i}", 1, broadcast: false);
        }

        await _h.StartRunnerAsync(EngineHarness.Definition(selector: "$all"));
        await _h.Delivery.WaitForDistinctAsync(20);
        var listings = Volatile.Read(ref _h.Store.StreamListings);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await _h.Store.Changes.WaitAsync(() => Volatile.Read(ref _h.Store.StreamListings) >= listings + 3, "three more sweeps");

        // 20 version calls per sweep at 50 calls/s space sweeps 0.4 s apart; the 40 ms poll
        // interval alone would allow three sweeps in ~0.12 s. A slow machine only lengthens this.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.7), $"three sweeps took only {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Events_appended_while_polling_and_after_the_pool_appears_are_all_delivered_in_order()
    {
        _h.Feed.Emitting = false;
        await _h.StartRunnerAsync(EngineHarness.Definition());
        _h.Store.Append(Stream, 15, broadcast: false);
        await _h.Delivery.WaitForDistinctAsync(15);

        _h.Store.Append(Stream, 5, broadcast: false);
        _h.Feed.Emitting = true;
        _h.Store.Append(Stream, 20);

        await _h.Delivery.WaitForDistinctAsync(40);
        Assert.Equal(Enumerable.Range(0, 40).Select(n => (long)n), _h.Delivery.Events.Select(e => e.EventNumber));
    }

    [Fact]
    public async Task A_stream_version_below_what_was_delivered_is_data_loss_and_stops_delivery()
    {
        var definition = EngineHarness.Definition();
        var runner = await _h.StartRunnerAsync(definition);
        _h.Store.Append(Stream, 10);
        await _h.Delivery.WaitForDistinctAsync(10);

        _h.Store.Wipe();
        _h.Store.Append(Stream, 3);

        Assert.Equal(RunnerExit.DataLoss, await runner.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        var dropped = Assert.Single(_h.Delivery.Messages.OfType<SubscriptionDropped>());
        Assert.Equal(SubscriptionDropReason.DataLoss, dropped.Reason);
        Assert.Contains(Stream, dropped.Message);
        Assert.Equal(10, _h.Delivery.Events.Count);
        Assert.Equal(SubscriptionState.DataLoss, _h.Checkpoints[definition.Key]!.Status.State);
        Assert.True(_h.Log.Has(LogLevel.Error, "DATA LOSS"));
    }

    [Fact]
    public async Task The_checkpoint_moves_only_over_events_the_broker_confirmed()
    {
        var definition = EngineHarness.Definition();
        await _h.StartRunnerAsync(definition);
        _h.Store.Append(Stream, 1);
        await _h.Checkpoints.Changes.WaitAsync(() => _h.Checkpoints[definition.Key]!.Checkpoint.GetValueOrDefault(Stream, -1) == 0, "checkpoint 0");

        _h.Delivery.Hold = true;
        _h.Store.Append(Stream, 10);
        await _h.Delivery.Changes.WaitAsync(() => _h.Delivery.Events.Count == 11 && _h.Delivery.HeldCount == 10, "ten sends waiting for confirmation");
        var updates = _h.Checkpoints.Updates;
        await _h.Checkpoints.Changes.WaitAsync(() => _h.Checkpoints.Updates > updates + 1, "checkpoint writes while nothing is confirmed");
        Assert.Equal(0, _h.Checkpoints[definition.Key]!.Checkpoint[Stream]);

        _h.Delivery.Release(4); // Events 1..4.
        await _h.Checkpoints.Changes.WaitAsync(() => _h.Checkpoints[definition.Key]!.Checkpoint[Stream] == 4, "checkpoint 4");

        _h.Delivery.Release();
        await _h.Checkpoints.Changes.WaitAsync(() => _h.Checkpoints[definition.Key]!.Checkpoint[Stream] == 10, "checkpoint 10");
    }

    [Fact]
    public async Task No_more_events_than_the_window_are_ever_unconfirmed()
    {
        _h.Delivery.Hold = true;
        await _h.StartRunnerAsync(EngineHarness.Definition(maxInFlight: 5));
        _h.Store.Append(Stream, 100);

        while (_h.Delivery.DistinctEvents() < 100)
        {
            var sent = _h.Delivery.Events.Count;
            await _h.Delivery.Changes.WaitAsync(() => _h.Delivery.HeldCount > 0, "a held send");
            _h.Delivery.Release();
            await _h.Delivery.Changes.WaitAsync(() => _h.Delivery.Events.Count > sent || _h.Delivery.DistinctEvents() == 100, "progress after a release");
        }

        Assert.Equal(5, _h.Delivery.MaxUnconfirmedEvents);
        Assert.Equal(Enumerable.Range(0, 100).Select(n => (long)n), _h.Delivery.Events.Select(e => e.EventNumber));
    }

    [Fact]
    public async Task A_slow_destination_overflows_the_bounded_live_buffer_and_delivery_falls_back_to_reading()
    {
        _h.Options.LiveBufferSize = 8;
        await _h.StartRunnerAsync(EngineHarness.Definition(maxInFlight: 4));
        _h.Store.Append(Stream, 1);
        await _h.Delivery.WaitForDistinctAsync(1);
        _h.Delivery.Hold = true;

        _h.Store.Append(Stream, 199);
        await _h.Delivery.Changes.WaitAsync(() => _h.Delivery.HeldCount >= 4, "a full window");
        _h.Delivery.Hold = false;
        _h.Delivery.Release();

        await _h.Delivery.WaitForDistinctAsync(200);
        Assert.Equal(Enumerable.Range(0, 200).Select(n => (long)n), _h.Delivery.Events.Select(e => e.EventNumber));
        var messages = _h.Delivery.Messages;
        var fellBehind = messages.ToList().FindIndex(m => m is SubscriptionFellBehind);
        Assert.True(fellBehind >= 0, "a SubscriptionFellBehind was sent");
        Assert.Contains(messages.Skip(fellBehind), m => m is SubscriptionCaughtUp);
    }

    [Fact]
    public async Task A_failed_send_is_sent_again_marked_redelivered_and_a_consumer_skipping_known_numbers_sees_every_event_once_in_order()
    {
        var failedOnce = 0;
        _h.Delivery.Fail = m => m is SubscribedEvent { EventNumber: 7 } && Interlocked.Exchange(ref failedOnce, 1) == 0
            ? new InvalidOperationException("broker nack")
            : null;
        var runner = await _h.StartRunnerAsync(EngineHarness.Definition());
        _h.Store.Append(Stream, 20);

        await _h.Delivery.WaitForAsync<SubscribedEvent>(e => e.EventNumber == 19 && _h.Delivery.DistinctEvents() == 20);
        Assert.Equal(Enumerable.Range(0, 20).Select(n => (long)n), ConsumerView(_h.Delivery.Events));
        Assert.Contains(_h.Delivery.Events, e => e.EventNumber == 7 && e.Redelivered);
        Assert.Equal(SubscriptionState.Live, await WaitForStateAsync(runner, SubscriptionState.Live));
    }

    [Fact]
    public async Task Store_failures_are_retried_without_losing_events()
    {
        _h.Store.Append(Stream, 30);
        _h.Store.FailNext(3);
        await _h.StartRunnerAsync(EngineHarness.Definition());

        await _h.Delivery.WaitForDistinctAsync(30);
        Assert.Equal(Enumerable.Range(0, 30).Select(n => (long)n), ConsumerView(_h.Delivery.Events));
    }

    [Fact]
    public async Task In_client_ack_mode_the_window_counts_unacknowledged_events_and_acks_move_the_checkpoint()
    {
        var definition = EngineHarness.Definition(mode: CheckpointMode.ClientAck, maxInFlight: 4);
        var runner = await _h.StartRunnerAsync(definition);
        _h.Store.Append(Stream, 10);
        await _h.Delivery.Changes.WaitAsync(() => _h.Delivery.Events.Count == 4, "four events");

        runner.Acknowledge(Stream, 1);

        await _h.Delivery.Changes.WaitAsync(() => _h.Delivery.Events.Count == 6, "two more events after acknowledging two");
        await _h.Checkpoints.Changes.WaitAsync(() => _h.Checkpoints[definition.Key]!.Checkpoint.GetValueOrDefault(Stream, -1) == 1, "checkpoint 1");
        runner.Acknowledge(Stream, 9);
        await _h.Delivery.WaitForDistinctAsync(10);
        await _h.Checkpoints.Changes.WaitAsync(() => _h.Checkpoints[definition.Key]!.Checkpoint.GetValueOrDefault(Stream, -1) == 5, "checkpoint 5: only sent events are acknowledged");
    }

    [Fact]
    public async Task A_transient_subscription_ends_when_its_destination_is_gone()
    {
        _h.Delivery.Fail = m => m is SubscribedEvent ? new DestinationGoneException("client-queue") : null;
        var runner = await _h.StartRunnerAsync(EngineHarness.Definition(lifetime: SubscriptionLifetime.Transient, destination: "client-queue"));
        _h.Store.Append(Stream, 3);

        Assert.Equal(RunnerExit.DestinationGone, await runner.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, _h.Feed.SubscriberCount);
    }

    [Fact]
    public async Task A_resumed_subscription_starts_after_its_checkpoint_and_marks_its_first_pass_redelivered()
    {
        _h.Store.Append(Stream, 10);
        await _h.StartRunnerAsync(EngineHarness.Definition(), new Dictionary<string, long> { [Stream] = 5 }, resumed: true);
        await _h.Delivery.WaitForAsync<SubscriptionCaughtUp>();
        _h.Store.Append(Stream, 2);

        await _h.Delivery.WaitForDistinctAsync(6);
        Assert.Equal([6L, 7, 8, 9, 10, 11], _h.Delivery.Events.Select(e => e.EventNumber));
        Assert.All(_h.Delivery.Events.Where(e => e.EventNumber <= 9), e => Assert.True(e.Redelivered));
        Assert.All(_h.Delivery.Events.Where(e => e.EventNumber > 9), e => Assert.False(e.Redelivered));
    }

    [Fact]
    public async Task An_all_streams_subscription_filtered_by_payload_delivers_matching_events_of_every_stream_in_order_per_stream()
    {
        _h.Store.Append("a", 5, data: new { kind = "x", v = 1 });
        _h.Store.Append("b", 5, data: new { kind = "y" });
        await _h.StartRunnerAsync(EngineHarness.Definition(type: SubscriptionType.ByEventPayload, selector: """{"kind":"x"}"""));
        await _h.Delivery.WaitForAsync<SubscriptionCaughtUp>();
        _h.Store.Append("c", 3, data: new { kind = "x", nested = new { deep = true } });
        _h.Store.Append("b", 2, data: new { kind = "x" });

        await _h.Delivery.WaitForDistinctAsync(10);
        var events = _h.Delivery.Events;
        Assert.DoesNotContain(events, e => e.StreamId == "b" && e.EventNumber < 5);
        foreach (var stream in new[] { "a", "b", "c" })
        {
            var numbers = events.Where(e => e.StreamId == stream).Select(e => e.EventNumber).ToList();
            Assert.Equal(numbers.Order(), numbers);
            Assert.Equal(numbers.Distinct(), numbers);
        }
    }

    /// <summary>What a consumer that remembers the last number per stream and skips lower ones handles.</summary>
    private static IEnumerable<long> ConsumerView(IEnumerable<SubscribedEvent> events)
    {
        var last = new Dictionary<string, long>();
        foreach (var e in events)
        {
            if (e.EventNumber > last.GetValueOrDefault(e.StreamId, -1))
            {
                last[e.StreamId] = e.EventNumber;
                yield return e.EventNumber;
            }
        }
    }

    private async Task<SubscriptionState> WaitForStateAsync(SubscriptionRunner runner, SubscriptionState state)
    {
        await _h.Checkpoints.Changes.WaitAsync(() => runner.Snapshot.Status.State == state, $"state {state}");
        return runner.Snapshot.Status.State;
    }
}
