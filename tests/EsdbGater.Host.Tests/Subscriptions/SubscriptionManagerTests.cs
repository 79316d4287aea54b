using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Management;
using EsdbGater.Host.Subscriptions.Model;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Tests.Subscriptions;

/// <summary>Subscription requests, stored subscriptions and single ownership across replicas, against fakes.</summary>
public sealed class SubscriptionManagerTests : IAsyncLifetime
{
    private const string Stream = "orders-1";
    private readonly EngineHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static SaveSubscription Save(
        string name = "projection",
        SubscriptionType type = SubscriptionType.ByStream,
        string selector = "$orders-1",
        string destination = "projection-queue",
        SubscriptionLifetime lifetime = SubscriptionLifetime.Persistent,
        StartFrom? startFrom = null,
        CheckpointMode mode = CheckpointMode.BrokerConfirmed) =>
        new(EngineHarness.StoreName, name, type, selector, destination, lifetime, startFrom, mode);

    /// <summary>Replica A owns and delivers the subscription; replica B joined it and waits in line.</summary>
    private async Task<(SubscriptionManager A, SubscriptionManager B)> DeliveringOnAWithBInLineAsync(int events)
    {
        var a = _h.Manager("replica-a");
        var b = _h.Manager("replica-b");
        await a.SaveAsync(Save(), default);
        b.Watch([EngineHarness.StoreName]);
        await b.RefreshAsync(default);
        _h.Store.Append(Stream, events);
        await _h.Delivery.WaitForDistinctAsync(events);
        return (a, b);
    }

    [Fact]
    public async Task A_saved_persistent_subscription_is_stored_delivered_and_listed_with_owner_and_checkpoint()
    {
        _h.Store.Append(Stream, 5);
        var manager = _h.Manager();

        var saved = Assert.IsType<SubscriptionSaved>(await manager.SaveAsync(Save(), default));

        Assert.True(saved.Created);
        await _h.Delivery.WaitForDistinctAsync(5);
        var key = new SubscriptionKey(EngineHarness.StoreName, "projection");
        await _h.Checkpoints.Changes.WaitAsync(() => _h.Checkpoints[key]?.Checkpoint.GetValueOrDefault(Stream, -1) == 4, "checkpoint 4 stored");
        var listed = Assert.IsType<SubscriptionsListed>(await manager.ListAsync(new GetSubscriptions(EngineHarness.StoreName), default));
        var info = Assert.Single(listed.Subscriptions);
        Assert.Equal("replica-a", info.Owner);
        Assert.Equal(4, info.Checkpoint[Stream]);
        Assert.Equal(SubscriptionState.Live, info.State);
        Assert.Equal(LiveFeedState.LiveViaPubSub, info.LiveFeed);
        Assert.Equal(0, info.Lag);
        Assert.All(_h.Delivery.Targets, t => Assert.Equal(new Uri("queue:projection-queue"), t.Address));
    }

    [Fact]
    public async Task Saving_the_same_subscription_again_resumes_it_and_a_different_one_under_the_name_is_refused()
    {
        var manager = _h.Manager();
        Assert.True(Assert.IsType<SubscriptionSaved>(await manager.SaveAsync(Save(), default)).Created);

        Assert.False(Assert.IsType<SubscriptionSaved>(await manager.SaveAsync(Save(), default)).Created);
        var refused = Assert.IsType<GatewayError>(await manager.SaveAsync(Save(selector: "$orders-2"), default));
        Assert.Equal(GatewayErrorCode.InvalidRequest, refused.Code);
        Assert.Equal("Name", refused.Field);
    }

    [Fact]
    public async Task Starting_from_the_end_delivers_only_events_appended_after_the_save()
    {
        _h.Store.Append(Stream, 10);
        _h.Store.Append("orders-2", 3);
        var manager = _h.Manager();

        await manager.SaveAsync(Save(selector: "$all", startFrom: StartFrom.End), default);
        await _h.Delivery.WaitForAsync<SubscriptionCaughtUp>();
        _h.Store.Append(Stream, 2);
        _h.Store.Append("orders-3", 1);

        await _h.Delivery.WaitForDistinctAsync(3);
        Assert.Equal([(Stream, 10L), (Stream, 11L), ("orders-3", 0L)], _h.Delivery.Events.Select(e => (e.StreamId, e.EventNumber)).Order());
    }

    [Fact]
    public async Task Starting_after_a_position_is_exclusive()
    {
        _h.Store.Append(Stream, 10);
        var manager = _h.Manager();

        await manager.SaveAsync(Save(startFrom: StartFrom.AfterEvent(Stream, 4)), default);

        await _h.Delivery.WaitForDistinctAsync(5);
        Assert.Equal([5L, 6, 7, 8, 9], _h.Delivery.Events.Select(e => e.EventNumber));
    }

    [Fact]
    public async Task Removing_stops_delivery_before_the_answer_and_forgets_the_checkpoint()
    {
        var manager = _h.Manager();
        await manager.SaveAsync(Save(), default);
        _h.Store.Append(Stream, 5);
        await _h.Delivery.WaitForDistinctAsync(5);

        var removed = Assert.IsType<SubscriptionRemoved>(await manager.RemoveAsync(new RemoveSubscription(EngineHarness.StoreName, "projection"), default));

        Assert.True(removed.OwnerStopped);
        Assert.Equal(0, _h.Feed.SubscriberCount);
        Assert.Null(_h.Checkpoints[new SubscriptionKey(EngineHarness.StoreName, "projection")]);
        _h.Store.Append(Stream, 5);
        await manager.RefreshAsync(default);
        Assert.Equal(5, _h.Delivery.Events.Count);
        Assert.Equal(SubscriptionDropReason.Removed, Assert.Single(_h.Delivery.Messages.OfType<SubscriptionDropped>()).Reason);
        Assert.IsType<SubscriptionNotFound>(await manager.RemoveAsync(new RemoveSubscription(EngineHarness.StoreName, "projection"), default));
    }

    [Fact]
    public async Task Removing_from_a_replica_that_does_not_own_it_stops_the_owner()
    {
        var owner = _h.Manager("replica-a");
        var other = _h.Manager("replica-b");
        await owner.SaveAsync(Save(), default);
        other.Watch([EngineHarness.StoreName]);
        await other.RefreshAsync(default);
        _h.Store.Append(Stream, 3);
        await _h.Delivery.WaitForDistinctAsync(3);

        var removed = Assert.IsType<SubscriptionRemoved>(await other.RemoveAsync(new RemoveSubscription(EngineHarness.StoreName, "projection"), default));

        Assert.True(removed.OwnerStopped);
        Assert.Equal(0, _h.Feed.SubscriberCount);
        await owner.RefreshAsync(default);
        Assert.Null(_h.Broker.OwnerOf(new SubscriptionKey(EngineHarness.StoreName, "projection")));
    }

    [Fact]
    public async Task When_the_owner_dies_another_replica_takes_over_from_the_stored_checkpoint_and_nothing_is_lost()
    {
        var a = _h.Manager("replica-a");
        var b = _h.Manager("replica-b");
        var key = new SubscriptionKey(EngineHarness.StoreName, "projection");
        await a.SaveAsync(Save(), default);
        b.Watch([EngineHarness.StoreName]);
        await b.RefreshAsync(default);
        Assert.Equal("replica-a", _h.Broker.OwnerOf(key));
        _h.Store.Append(Stream, 30);
        await _h.Delivery.WaitForDistinctAsync(30);
        await _h.Checkpoints.Changes.WaitAsync(() => _h.Checkpoints[key]!.Checkpoint.GetValueOrDefault(Stream, -1) >= 20, "a stored checkpoint");

        await _h.Broker.KillAsync("replica-a");
        Assert.Equal("replica-b", _h.Broker.OwnerOf(key));
        _h.Store.Append(Stream, 30);

        await _h.Delivery.WaitForDistinctAsync(60);
        var view = new List<long>();
        foreach (var e in _h.Delivery.Events)
        {
            if (e.EventNumber > (view.Count == 0 ? -1 : view[^1]))
            {
                view.Add(e.EventNumber);
            }
        }

        Assert.Equal(Enumerable.Range(0, 60).Select(n => (long)n), view);
        var listed = Assert.IsType<SubscriptionsListed>(await b.ListAsync(new GetSubscriptions(EngineHarness.StoreName), default));
        Assert.Equal("replica-b", Assert.Single(listed.Subscriptions).Owner);
    }

    [Fact]
    public async Task A_subscription_stopped_for_data_loss_is_not_resumed_by_the_next_owner()
    {
        var a = _h.Manager("replica-a");
        await a.SaveAsync(Save(), default);
        _h.Store.Append(Stream, 5);
        await _h.Delivery.WaitForDistinctAsync(5);
        _h.Store.Wipe();
        await _h.Delivery.WaitForAsync<SubscriptionDropped>(d => d.Reason == SubscriptionDropReason.DataLoss);
        var key = new SubscriptionKey(EngineHarness.StoreName, "projection");
        await _h.Checkpoints.Changes.WaitAsync(() => _h.Checkpoints[key]!.Status.State == SubscriptionState.DataLoss, "the data-loss state stored");

        var b = _h.Manager("replica-b");
        b.Watch([EngineHarness.StoreName]);
        await b.RefreshAsync(default);
        await _h.Broker.KillAsync("replica-a");
        _h.Store.Append(Stream, 3);

        var listed = Assert.IsType<SubscriptionsListed>(await b.ListAsync(new GetSubscriptions(EngineHarness.StoreName), default));
        var info = Assert.Single(listed.Subscriptions);
        Assert.Equal(SubscriptionState.DataLoss, info.State);
        Assert.Contains(Stream, info.LastError);
        Assert.Equal(5, _h.Delivery.Events.Count);
    }

    [Fact]
    public async Task A_transient_subscription_lives_in_memory_and_is_forgotten_when_its_client_goes_away()
    {
        var manager = _h.Manager();
        await manager.SaveAsync(Save(name: "watcher", lifetime: SubscriptionLifetime.Transient, destination: "rabbitmq://localhost/client-tmp?temporary=true"), default);
        _h.Store.Append(Stream, 2);
        await _h.Delivery.WaitForDistinctAsync(2);
        Assert.Null(_h.Checkpoints[new SubscriptionKey(EngineHarness.StoreName, "watcher")]);
        Assert.Single(Assert.IsType<SubscriptionsListed>(await manager.ListAsync(new GetSubscriptions(EngineHarness.StoreName), default)).Subscriptions);

        _h.Delivery.Fail = _ => new Host.Subscriptions.Seams.DestinationGoneException("client-tmp");
        _h.Store.Append(Stream, 1);

        await _h.Feed.Changes.WaitAsync(() => _h.Feed.SubscriberCount == 0, "the transient subscription to end");
        await Fakes.Changes.EventuallyAsync(
            async () => ((SubscriptionsListed)await manager.ListAsync(new GetSubscriptions(EngineHarness.StoreName), default)).Subscriptions.Count == 0,
            "the transient subscription to be forgotten");
    }

    [Fact]
    public async Task A_transient_subscription_is_removed_through_whichever_replica_gets_the_request()
    {
        var a = _h.Manager("replica-a");
        var b = _h.Manager("replica-b");
        await a.SaveAsync(Save(name: "watcher", lifetime: SubscriptionLifetime.Transient, destination: "rabbitmq://localhost/client-tmp?temporary=true"), default);
        _h.Store.Append(Stream, 2);
        await _h.Delivery.WaitForDistinctAsync(2);

        var removed = Assert.IsType<SubscriptionRemoved>(await b.RemoveAsync(new RemoveSubscription(EngineHarness.StoreName, "watcher"), default));

        Assert.True(removed.OwnerStopped);
        Assert.Equal(0, _h.Feed.SubscriberCount);
        await _h.Delivery.WaitForAsync<SubscriptionDropped>(d => d.Reason == SubscriptionDropReason.Removed);
        Assert.Empty(Assert.IsType<SubscriptionsListed>(await a.ListAsync(new GetSubscriptions(EngineHarness.StoreName), default)).Subscriptions);
        Assert.IsType<SubscriptionNotFound>(await b.RemoveAsync(new RemoveSubscription(EngineHarness.StoreName, "watcher"), default));
    }

    [Fact]
    public async Task Acknowledgements_reach_the_owner_and_are_refused_for_broker_confirmed_subscriptions()
    {
        var manager = _h.Manager();
        await manager.SaveAsync(Save(name: "acked", mode: CheckpointMode.ClientAck), default);
        await manager.SaveAsync(Save(name: "confirmed"), default);
        _h.Store.Append(Stream, 3);
        var key = new SubscriptionKey(EngineHarness.StoreName, "acked");
        await _h.Delivery.Changes.WaitAsync(() => _h.Delivery.Events.Count(e => e.SubscriptionName == "acked") == 3, "three events to acknowledge");

        Assert.IsType<EventAcknowledged>(await manager.AckAsync(new AckEvent(EngineHarness.StoreName, "acked", Stream, 2), default));
        await _h.Checkpoints.Changes.WaitAsync(() => _h.Checkpoints[key]!.Checkpoint.GetValueOrDefault(Stream, -1) == 2, "acknowledged checkpoint");

        var refused = Assert.IsType<GatewayError>(await manager.AckAsync(new AckEvent(EngineHarness.StoreName, "confirmed", Stream, 2), default));
        Assert.Equal(GatewayErrorCode.InvalidRequest, refused.Code);
        // Possibly another replica's transient subscription: handed to its lease queue, not refused.
        Assert.IsType<EventAcknowledged>(await manager.AckAsync(new AckEvent(EngineHarness.StoreName, "nope", Stream, 2), default));
    }

    [Fact]
    public async Task A_subscription_removed_while_this_replica_still_joins_its_lease_queue_leaves_the_queue()
    {
        var manager = _h.Manager();
        var key = new SubscriptionKey(EngineHarness.StoreName, "projection");
        var joining = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _h.Broker.BeforeJoinReturns = async () =>
        {
            joining.TrySetResult();
            await release.Task;
        };
        var saving = manager.SaveAsync(Save(), default);
        await joining.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _h.Broker.BeforeJoinReturns = null;

        Assert.IsType<SubscriptionRemoved>(await manager.RemoveAsync(new RemoveSubscription(EngineHarness.StoreName, "projection"), default));
        release.SetResult();
        Assert.True(Assert.IsType<SubscriptionSaved>(await saving).Created);

        // A replica left in line with nobody listening would hold the lease of the name for ever.
        Assert.Null(_h.Broker.OwnerOf(key));
        Assert.True(Assert.IsType<SubscriptionSaved>(await manager.SaveAsync(Save(), default)).Created);
        _h.Store.Append(Stream, 2);
        await _h.Delivery.WaitForDistinctAsync(2);
    }

    [Fact]
    public async Task A_subscription_removed_and_saved_again_is_delivered_by_the_replica_still_holding_its_lease()
    {
        var (a, b) = await DeliveringOnAWithBInLineAsync(events: 3);
        var key = new SubscriptionKey(EngineHarness.StoreName, "projection");

        Assert.True(Assert.IsType<SubscriptionRemoved>(await b.RemoveAsync(new RemoveSubscription(EngineHarness.StoreName, "projection"), default)).OwnerStopped);
        // Replica A's lease ticks keep coming; its registry refresh has not noticed the removal yet.
        await Fakes.Changes.EventuallyAsync(
            async () =>
            {
                await _h.Broker.RenewAsync(key);
                return _h.ManagerLog.Has(LogLevel.Information, "owned, but its record is gone");
            },
            "replica A to hold the lease of the removed subscription");
        Assert.True(Assert.IsType<SubscriptionSaved>(await b.SaveAsync(Save(), default)).Created);
        await _h.Broker.RenewAsync(key);
        await a.RefreshAsync(default);

        Assert.Equal("replica-a", _h.Broker.OwnerOf(key));
        await _h.Delivery.Changes.WaitAsync(
            () => _h.Delivery.Events.Count(e => e.EventNumber == 0) == 2,
            "the subscription saved again to deliver from the beginning");
    }

    [Fact]
    public async Task A_lease_renewal_while_the_remover_deletes_the_record_does_not_start_the_owner_again()
    {
        var (a, b) = await DeliveringOnAWithBInLineAsync(events: 3);
        var key = new SubscriptionKey(EngineHarness.StoreName, "projection");
        _h.Checkpoints.BeforeDelete = _ => _h.Broker.RenewAsync(key);

        Assert.True(Assert.IsType<SubscriptionRemoved>(await b.RemoveAsync(new RemoveSubscription(EngineHarness.StoreName, "projection"), default)).OwnerStopped);

        // Started again, the owner would deliver after the answer until it noticed the removal.
        Assert.Equal("replica-a", _h.Broker.OwnerOf(key));
        Assert.Empty(Assert.IsType<SubscriptionsListed>(await a.ListAsync(new GetSubscriptions(EngineHarness.StoreName), default)).Subscriptions);
        await _h.Feed.Changes.WaitAsync(() => _h.Feed.SubscriberCount == 0, "no runner on replica A");
    }

    [Fact]
    public async Task An_owner_stopped_for_a_removal_that_failed_delivers_again()
    {
        var (_, b) = await DeliveringOnAWithBInLineAsync(events: 3);
        var key = new SubscriptionKey(EngineHarness.StoreName, "projection");
        _h.Checkpoints.BeforeDelete = _ => throw new TimeoutException("the deletion could not be read back");

        var failed = Assert.IsType<GatewayError>(await b.RemoveAsync(new RemoveSubscription(EngineHarness.StoreName, "projection"), default));

        Assert.Equal(GatewayErrorCode.Timeout, failed.Code);
        _h.Store.Append(Stream, 2);
        await Fakes.Changes.EventuallyAsync(
            async () =>
            {
                await _h.Broker.RenewAsync(key);
                return _h.Delivery.DistinctEvents() == 5;
            },
            "replica A to deliver again once the removal had its time");
    }

    [Fact]
    public async Task A_transient_subscription_saved_while_the_replica_stops_is_refused_rather_than_left_running()
    {
        var manager = _h.Manager();
        await manager.DisposeAsync();

        var refused = Assert.IsType<GatewayError>(await manager.SaveAsync(
            Save(name: "watcher", lifetime: SubscriptionLifetime.Transient, destination: "rabbitmq://localhost/client-tmp?temporary=true"), default));

        Assert.Equal(GatewayErrorCode.GatewayStopping, refused.Code);
        Assert.Contains("stopping", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, _h.Feed.SubscriberCount);
        Assert.Null(_h.Broker.OwnerOf(new SubscriptionKey(EngineHarness.StoreName, "watcher")));
    }

    [Fact]
    public async Task A_failure_to_leave_the_lease_queue_of_a_transient_subscription_whose_client_went_away_is_logged()
    {
        var manager = _h.Manager();
        await manager.SaveAsync(Save(name: "watcher", lifetime: SubscriptionLifetime.Transient, destination: "rabbitmq://localhost/client-tmp?temporary=true"), default);
        _h.Store.Append(Stream, 1);
        await _h.Delivery.WaitForDistinctAsync(1);

        _h.Broker.LeaveFailure = new InvalidOperationException("lease queue unreachable");
        _h.Delivery.Fail = _ => new Host.Subscriptions.Seams.DestinationGoneException("client-tmp");
        _h.Store.Append(Stream, 1);

        await _h.ManagerLog.Changes.WaitAsync(() => _h.ManagerLog.Has(LogLevel.Warning, "lease queue unreachable"), "the failed leave to be logged");
        Assert.Empty(Assert.IsType<SubscriptionsListed>(await manager.ListAsync(new GetSubscriptions(EngineHarness.StoreName), default)).Subscriptions);
    }

    [Theory]
    [InlineData("bad name!", SubscriptionType.ByStream, "$all", "q", SubscriptionLifetime.Persistent, "Name")]
    [InlineData("ok", SubscriptionType.ByStream, "orders", "q", SubscriptionLifetime.Persistent, "Selector")]
    [InlineData("ok", SubscriptionType.ByStream, "$", "q", SubscriptionLifetime.Persistent, "Selector")]
    [InlineData("ok", SubscriptionType.ByEventPayload, "[1,2]", "q", SubscriptionLifetime.Persistent, "Selector")]
    [InlineData("ok", SubscriptionType.ByEventPattern, "{not json", "q", SubscriptionLifetime.Persistent, "Selector")]
    [InlineData("ok", SubscriptionType.ByEventType, "", "q", SubscriptionLifetime.Persistent, "Selector")]
    [InlineData("ok", SubscriptionType.ByStream, "$all", "", SubscriptionLifetime.Persistent, "Destination")]
    [InlineData("ok", SubscriptionType.ByStream, "$all", "http://x/y", SubscriptionLifetime.Persistent, "Destination")]
    [InlineData("ok", SubscriptionType.ByStream, "$all", "queue:client", SubscriptionLifetime.Transient, "Destination")]
    [InlineData("ok", SubscriptionType.ByStream, "$all", "rabbitmq://user:secret@host/q", SubscriptionLifetime.Persistent, "Destination")]
    public async Task Invalid_requests_get_a_typed_error_naming_the_field_and_store_nothing(
        string name, SubscriptionType type, string selector, string destination, SubscriptionLifetime lifetime, string field)
    {
        var manager = _h.Manager();

        var error = Assert.IsType<GatewayError>(await manager.SaveAsync(Save(name, type, selector, destination, lifetime), default));

        Assert.Equal(GatewayErrorCode.InvalidRequest, error.Code);
        Assert.Equal(field, error.Field);
        Assert.Empty(Assert.IsType<SubscriptionsListed>(await manager.ListAsync(new GetSubscriptions(EngineHarness.StoreName), default)).Subscriptions);
        Assert.Equal(0, _h.Store.Calls);
    }

    [Fact]
    public async Task An_unknown_store_is_store_not_found()
    {
        var manager = _h.Manager();

        var error = Assert.IsType<GatewayError>(await manager.SaveAsync(Save() with { Store = "other_store" }, default));

        Assert.Equal(GatewayErrorCode.StoreNotFound, error.Code);
    }

    [Fact]
    public async Task Start_positions_must_name_the_subscribed_stream()
    {
        var manager = _h.Manager();

        var error = Assert.IsType<GatewayError>(await manager.SaveAsync(Save(startFrom: StartFrom.AfterEvent("orders-2", 3)), default));

        Assert.Equal(GatewayErrorCode.InvalidRequest, error.Code);
        Assert.StartsWith("StartFrom.After", error.Field);
    }
}
