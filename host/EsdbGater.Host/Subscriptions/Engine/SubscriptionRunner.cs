using System.Collections.Concurrent;
using EsdbGater.Contracts;
using EsdbGater.Host.Cluster;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;
using EsdbGater.Host.Subscriptions.Selection;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Subscriptions.Engine;

/// <summary>
/// Delivers one subscription owned by this replica: one loop, the only writer of its state.
/// </summary>
/// <remarks>
/// <para>
/// <b>No gap between history and live.</b> The runner joins the live feed before its first
/// read, so every event appended after a read is either read or buffered. Each stream has a
/// cursor (the last examined number): a live event at or below it is a duplicate, the next one
/// is delivered, and a later one means something was missed (a broadcast dropped, a feed
/// joined late), so the gap is read from the store first. Per stream, events therefore go out
/// in number order exactly once per pass.
/// </para>
/// <para>
/// <b>Never trusting PubSub alone.</b> A sweep (versions of the selected streams, then reads
/// of what is new) runs at the start, whenever the feed becomes live, after the live buffer
/// overflowed or a failure, as the poll while no emitter broadcasts (with back-off), and as a
/// slow safety check while one does. A version below what was already delivered is data loss
/// and stops the subscription.
/// </para>
/// <para>
/// <b>Bounded memory.</b> At most <c>MaxInFlight</c> events are unconfirmed; the live buffer is
/// bounded and, when full, dropped in favour of reading from the cursors. Sends start in order
/// from this loop (so the broker sees them in order); after a (re)start or a failure the first
/// send is awaited alone, so the channel exists before sends overlap.
/// </para>
/// <para>
/// <b>At least once.</b> The checkpoint (per stream, the event before the first unsettled one)
/// only moves when the broker confirmed a send, or, in client-ack mode, when the client
/// acknowledged. A failed send rewinds every stream to its checkpoint and sends again, marked
/// redelivered.
/// </para>
/// </remarks>
internal sealed class SubscriptionRunner : IAsyncDisposable
{
    private readonly SubscriptionDefinition _definition;
    private readonly DeliveryTarget _target;
    private readonly RunnerDependencies _deps;
    private readonly SubscriptionOptions _options;
    private readonly IEventSelector _selector;
    private readonly StreamCursors _cursors;
    private readonly DateTimeOffset _createdAt;
    private readonly LiveBuffer _live;
    private readonly WakeSignal _wake = new();
    private readonly ConcurrentQueue<SendOutcome> _outcomes = new();
    private readonly ConcurrentDictionary<string, long> _acks = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<string> _resync = new(StringComparer.Ordinal);
    private readonly HashSet<string> _verify = new(StringComparer.Ordinal);
    private readonly List<Exception> _failures = [];
    private readonly ReconnectBackoff _retryBackoff;
    private readonly ILogger _logger;

    private Task<RunnerExit> _run = Task.FromResult(RunnerExit.Stopped);
    private volatile bool _flushOnStop;
    private volatile RunnerSnapshot _snapshot;
    private int _generation;
    private int _unconfirmed;
    private bool _warmup = true;
    private bool _resumedFirstPass;
    private bool _needFullSweep = true;
    private bool _caughtUpSent;
    private bool _fellBehind;
    private SubscriptionState _state = SubscriptionState.CatchingUp;
    private LiveFeedState _feedState = LiveFeedState.Unknown;
    private string? _lastError;
    private TimeSpan _pollInterval;
    private DateTimeOffset _lastSweepAt;
    private TimeSpan _sweepCost;
    private DateTimeOffset _lastFlushAt;
    private DateTimeOffset _lastResyncAt;
    private bool _dirty = true;
    private int _consecutiveFailures;

    /// <param name="definition">What to deliver.</param>
    /// <param name="target">Where to.</param>
    /// <param name="checkpoint">Where to start: stream → last handled event.</param>
    /// <param name="resumed">True when another run may have sent beyond <paramref name="checkpoint"/>: the first pass is marked redelivered.</param>
    /// <param name="createdAt">When the subscription was created (kept in its record).</param>
    /// <param name="dependencies">Shared services.</param>
    public SubscriptionRunner(
        SubscriptionDefinition definition,
        DeliveryTarget target,
        IReadOnlyDictionary<string, long> checkpoint,
        bool resumed,
        DateTimeOffset createdAt,
        RunnerDependencies dependencies)
    {
        _definition = definition;
        _target = target;
        _deps = dependencies;
        _options = dependencies.Options;
        _selector = EventSelectors.Create(definition.Type, definition.Selector);
        _cursors = new StreamCursors(checkpoint);
        _createdAt = createdAt;
        _resumedFirstPass = resumed;
        _live = new LiveBuffer(_options.LiveBufferSize, _wake.Set);
        _retryBackoff = new ReconnectBackoff(_options.RetryMinDelay, _options.RetryMaxDelay);
        _pollInterval = _options.PollMinInterval;
        _logger = dependencies.Logger;
        _snapshot = new RunnerSnapshot(
            new Dictionary<string, long>(checkpoint, StringComparer.Ordinal),
            new RuntimeStatus(dependencies.ReplicaId, _state, _feedState, null, 0, null, dependencies.Time.GetUtcNow()));
    }

    public SubscriptionDefinition Definition => _definition;

    /// <summary>The latest published view (refreshed at each checkpoint interval and state change).</summary>
    public RunnerSnapshot Snapshot => _snapshot;

    /// <summary>Completes with the reason when the runner ended.</summary>
    public Task<RunnerExit> Completion => _run;

    public void Start() => _run = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>
    /// Stops delivering and waits until the loop ended and sends in flight settled. With
    /// <paramref name="flush"/>, writes the final checkpoint (a graceful hand-over); without it,
    /// writes nothing (ownership was lost: another replica may already deliver).
    /// </summary>
    public async Task<RunnerExit> StopAsync(bool flush)
    {
        _flushOnStop = flush;
        await _stop.CancelAsync().ConfigureAwait(false);
        return await _run.ConfigureAwait(false);
    }

    /// <summary>A client acknowledgement (client-ack mode): settles this and earlier events of the stream.</summary>
    public void Acknowledge(string streamId, long eventNumber)
    {
        _acks.AddOrUpdate(streamId, eventNumber, (_, known) => Math.Max(known, eventNumber));
        _wake.Set();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(flush: false).ConfigureAwait(false);
        _stop.Dispose();
    }

    private DateTimeOffset Now => _deps.Time.GetUtcNow();

    private string Store => _definition.Store;

    private async Task<RunnerExit> RunAsync(CancellationToken cancellationToken)
    {
        // Joined before the first read, so that nothing appended after a read can be missed.
        using var feed = _deps.Feed.Subscribe(Store, _live.Offer);
        using var statusWatch = _deps.Feed.OnStatusChanged(_wake.Set);
        var exit = RunnerExit.Stopped;
        try
        {
            _logger.LogInformation("Subscription {Subscription} started ({Type} {Selector} → {Destination})",
                _definition.Key, _definition.Type, _definition.Selector, _definition.Destination);
            exit = await LoopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The loop handles every failure itself; this is a bug, and delivery stops visibly.
            _logger.LogError(e, "Subscription {Subscription} stopped unexpectedly", _definition.Key);
            _lastError = e.Message;
        }
        finally
        {
            await SettleAsync().ConfigureAwait(false);
            if (exit == RunnerExit.Stopped && _flushOnStop)
            {
                await FinalFlushAsync().ConfigureAwait(false);
            }

            _logger.LogInformation("Subscription {Subscription} stopped ({Exit})", _definition.Key, exit);
        }

        return exit;
    }

    private async Task<RunnerExit> LoopAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                ObserveFeed();
                SettleOutcomes();
                if (_live.IsOverflowed)
                {
                    FallBehind();
                }

                if (_needFullSweep || Now >= NextSweepAt())
                {
                    await FullSweepAsync(cancellationToken).ConfigureAwait(false);
                }

                if (_resync.Count > 0 && Now >= _lastResyncAt + _options.PollMinInterval)
                {
                    await ResyncAsync(cancellationToken).ConfigureAwait(false);
                }

                await DrainLiveAsync(cancellationToken).ConfigureAwait(false);
                if (_verify.Count > 0)
                {
                    await VerifyAsync(cancellationToken).ConfigureAwait(false);
                }

                await FlushIfDueAsync(cancellationToken).ConfigureAwait(false);
                await _wake.WaitAsync(NextWakeDelay(), _deps.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (DataLossException e)
            {
                return await StopForDataLossAsync(e).ConfigureAwait(false);
            }
            catch (SubscriptionRemovedException)
            {
                _logger.LogInformation("Subscription {Subscription} was removed elsewhere; stopping", _definition.Key);
                return RunnerExit.Removed;
            }
            catch (DeliveryFailedException e) when (e.InnerException is DestinationGoneException && !_definition.IsPersistent)
            {
                _logger.LogInformation("Transient subscription {Subscription} ends: its destination {Destination} is gone (client went away)",
                    _definition.Key, _definition.Destination);
                return RunnerExit.DestinationGone;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                await RecoverAsync(e, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void ObserveFeed()
    {
        var state = _deps.FeedMonitor.GetState(Store);
        if (state == _feedState)
        {
            return;
        }

        if (state == LiveFeedState.LiveViaPubSub && _feedState != LiveFeedState.Unknown)
        {
            // Switching to live: read what was appended since the last poll, with the feed
            // already buffering, so that the switch leaves no gap.
            _needFullSweep = true;
        }

        _pollInterval = _options.PollMinInterval;
        _feedState = state;
        PublishSnapshot();
    }

    /// <summary>
    /// When the next sweep is due: after the poll (or safety) interval, and never sooner than its
    /// cost allows (a sweep of N streams makes N version calls; at most
    /// <see cref="SubscriptionOptions.PollCallsPerSecond"/> per subscription).
    /// </summary>
    private DateTimeOffset NextSweepAt()
    {
        var interval = _feedState == LiveFeedState.LiveViaPubSub ? _options.SafetySweepInterval : _pollInterval;
        return _lastSweepAt + (interval > _sweepCost ? interval : _sweepCost);
    }

    private TimeSpan NextWakeDelay()
    {
        var next = NextSweepAt();
        var flushAt = _lastFlushAt + (_dirty ? _options.CheckpointInterval : StatusHeartbeat);
        if (flushAt < next)
        {
            next = flushAt;
        }

        if (_resync.Count > 0 && _lastResyncAt + _options.PollMinInterval < next)
        {
            next = _lastResyncAt + _options.PollMinInterval;
        }

        foreach (var stream in _verify)
        {
            var due = _cursors.Get(stream).LastVerified + _options.PollMaxInterval;
            if (due < next)
            {
                next = due;
            }
        }

        var delay = next - Now;
        return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
    }

    /// <summary>How often the stored status is refreshed even when nothing moved, so readers can tell a live owner from a dead one.</summary>
    private TimeSpan StatusHeartbeat => _options.CheckpointInterval * 10;

    private async Task FullSweepAsync(CancellationToken cancellationToken)
    {
        var catchingUp = !_caughtUpSent || _fellBehind;
        if (catchingUp && _state != SubscriptionState.CatchingUp)
        {
            _state = SubscriptionState.CatchingUp;
            PublishSnapshot();
        }

        var (found, calls) = await SweepAsync(cancellationToken).ConfigureAwait(false);
        _lastSweepAt = Now;
        _sweepCost = TimeSpan.FromSeconds((double)calls / _options.PollCallsPerSecond);
        _needFullSweep = false;
        _resumedFirstPass = false;
        _consecutiveFailures = 0;
        _pollInterval = found ? _options.PollMinInterval : Min(_pollInterval * 2, _options.PollMaxInterval);
        if (catchingUp)
        {
            SendSignal(new SubscriptionCaughtUp(_definition.Name, Store, Now));
            _caughtUpSent = true;
            _fellBehind = false;
            _logger.LogInformation("Subscription {Subscription} caught up; delivering live ({Feed})", _definition.Key, _feedState);
        }

        if (_state != SubscriptionState.Live)
        {
            _state = SubscriptionState.Live;
            _lastError = null;
            PublishSnapshot();
        }
    }

    /// <summary>Versions of the selected streams, and reads of whatever is new: whether something was, and how many version calls it took.</summary>
    private async Task<(bool Found, int Calls)> SweepAsync(CancellationToken cancellationToken)
    {
        IEnumerable<string> streams;
        if (_selector.SingleStream is { } single)
        {
            streams = [single];
        }
        else
        {
            // Streams ExESDB lists, plus streams already known: get_streams swallows errors
            // into an empty list, and a known stream that vanished must be noticed.
            var listed = await _deps.Reader.GetStreamsAsync(Store, cancellationToken).ConfigureAwait(false);
            var all = new HashSet<string>(listed, StringComparer.Ordinal);
            all.UnionWith(_cursors.Streams);
            streams = all;
        }

        var found = false;
        var calls = 0;
        foreach (var stream in streams)
        {
            SettleOutcomes();
            calls++;
            var cursor = _cursors.Get(stream);
            var version = await _deps.Reader.GetVersionAsync(Store, stream, cancellationToken).ConfigureAwait(false);
            version = await CheckVersionAsync(stream, cursor, version, cancellationToken).ConfigureAwait(false);
            if (version > cursor.Examined)
            {
                found = true;
                await ReadForwardAsync(stream, cursor, cancellationToken).ConfigureAwait(false);
            }
        }

        return (found, calls);
    }

    /// <summary>Reads and handles every event of the stream after its cursor.</summary>
    private async Task ReadForwardAsync(string stream, StreamCursor cursor, CancellationToken cancellationToken)
    {
        var pageSize = _options.ReadPageSize;
        while (true)
        {
            var page = await _deps.Reader.GetEventsAsync(Store, stream, cursor.Examined + 1, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var recordedEvent in page)
            {
                if (recordedEvent.EventNumber > cursor.Examined)
                {
                    await ExamineAsync(stream, cursor, recordedEvent, cancellationToken).ConfigureAwait(false);
                }
            }

            if (page.Count < pageSize)
            {
                return;
            }
        }
    }

    private async Task DrainLiveAsync(CancellationToken cancellationToken)
    {
        while (!_live.IsOverflowed && _live.TryTake(out var recordedEvent))
        {
            SettleOutcomes();
            var stream = recordedEvent.StreamId;
            if (_selector.SingleStream is { } single && !string.Equals(single, stream, StringComparison.Ordinal))
            {
                continue;
            }

            var cursor = _cursors.Get(stream);
            cursor.SawVersion(recordedEvent.EventNumber);
            if (recordedEvent.EventNumber <= cursor.Examined)
            {
                // A duplicate (PubSub is at-least-once; a sweep may have read it already), or a
                // stream that restarted after the node lost its data: the version tells.
                if (recordedEvent.EventNumber < cursor.Examined)
                {
                    _verify.Add(stream);
                }

                continue;
            }

            if (recordedEvent.EventNumber == cursor.Examined + 1)
            {
                await ExamineAsync(stream, cursor, recordedEvent, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // A gap: something was not broadcast to us. Read it, in order, before going on.
            await ReadForwardAsync(stream, cursor, cancellationToken).ConfigureAwait(false);
            if (cursor.Examined < recordedEvent.EventNumber)
            {
                // The node that answered has not got it yet (reads are local to a node).
                _resync.Add(stream);
                _lastResyncAt = Now;
            }
        }
    }

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        _lastResyncAt = Now;
        foreach (var stream in _resync.ToArray())
        {
            var cursor = _cursors.Get(stream);
            var version = await _deps.Reader.GetVersionAsync(Store, stream, cancellationToken).ConfigureAwait(false);
            version = await CheckVersionAsync(stream, cursor, version, cancellationToken).ConfigureAwait(false);
            if (version > cursor.Examined)
            {
                await ReadForwardAsync(stream, cursor, cancellationToken).ConfigureAwait(false);
            }

            if (cursor.Examined >= cursor.KnownVersion)
            {
                _resync.Remove(stream);
            }
        }
    }

    private async Task VerifyAsync(CancellationToken cancellationToken)
    {
        foreach (var stream in _verify.ToArray())
        {
            var cursor = _cursors.Get(stream);
            if (Now < cursor.LastVerified + _options.PollMaxInterval)
            {
                continue;
            }

            var version = await _deps.Reader.GetVersionAsync(Store, stream, cancellationToken).ConfigureAwait(false);
            await CheckVersionAsync(stream, cursor, version, cancellationToken).ConfigureAwait(false);
            _verify.Remove(stream);
        }
    }

    /// <summary>
    /// The version if it is not below what was already examined; otherwise checks again after a
    /// moment (a lagging member may answer low) and declares data loss if it still is.
    /// </summary>
    private async Task<long> CheckVersionAsync(string stream, StreamCursor cursor, long version, CancellationToken cancellationToken)
    {
        if (version < cursor.HighWater)
        {
            _logger.LogWarning(
                "Subscription {Subscription}: stream {Stream} reports version {Version}, below event {HighWater} already delivered; checking again",
                _definition.Key, stream, version, cursor.HighWater);
            await Task.Delay(_options.DataLossConfirmDelay, _deps.Time, cancellationToken).ConfigureAwait(false);
            version = await _deps.Reader.GetVersionAsync(Store, stream, cancellationToken).ConfigureAwait(false);
            if (version < cursor.HighWater)
            {
                throw new DataLossException(Store, stream, version, cursor.HighWater);
            }
        }

        cursor.SawVersion(version);
        cursor.LastVerified = Now;
        return version;
    }

    /// <summary>Compares every stream already delivered from with its version; throws <see cref="DataLossException"/> when one went back.</summary>
    private async Task VerifyStreamsAsync(CancellationToken cancellationToken)
    {
        foreach (var stream in _cursors.Streams.ToArray())
        {
            var cursor = _cursors.Get(stream);
            if (cursor.HighWater >= 0)
            {
                var version = await _deps.Reader.GetVersionAsync(Store, stream, cancellationToken).ConfigureAwait(false);
                await CheckVersionAsync(stream, cursor, version, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ExamineAsync(string stream, StreamCursor cursor, RecordedEvent recordedEvent, CancellationToken cancellationToken)
    {
        var number = recordedEvent.EventNumber;
        _dirty = true;
        if (!_selector.Matches(recordedEvent))
        {
            cursor.Examine(number);
            return;
        }

        await WaitForWindowAsync(cancellationToken).ConfigureAwait(false);
        cursor.Examine(number);
        var redelivered = _resumedFirstPass || cursor.WasPossiblySent(number);
        _cursors.AddPending(stream, number);
        Send(new SubscribedEvent(_definition.Name, Store, stream, number, recordedEvent, redelivered), stream, number);
        if (_warmup)
        {
            await AwaitSendsAsync(cancellationToken).ConfigureAwait(false);
            _warmup = false;
        }
    }

    /// <summary>Back-pressure: waits while the in-flight window is full.</summary>
    private async Task WaitForWindowAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            SettleOutcomes();
            if (_cursors.PendingTotal < _definition.MaxInFlight)
            {
                return;
            }

            await FlushIfDueAsync(cancellationToken).ConfigureAwait(false);
            await _wake.WaitAsync(_options.CheckpointInterval, _deps.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until every send started so far has an outcome; throws if one failed.</summary>
    private async Task AwaitSendsAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            SettleOutcomes();
            if (_unconfirmed == 0)
            {
                return;
            }

            await _wake.WaitAsync(Timeout.InfiniteTimeSpan, _deps.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void SendSignal<T>(T message)
        where T : class => Send(message, null, -1);

    private void Send<T>(T message, string? stream, long number)
        where T : class
    {
        var generation = _generation;
        _unconfirmed++;
        var timeout = new CancellationTokenSource(_options.SendTimeout, _deps.Time);
        Task sending;
        try
        {
            sending = _deps.Delivery.SendAsync(_target, message, timeout.Token);
        }
        catch (Exception e)
        {
            sending = Task.FromException(e);
        }

        sending.ContinueWith(
            (task, state) =>
            {
                var cts = (CancellationTokenSource)state!;
                var error = task.IsFaulted
                    ? task.Exception!.InnerException ?? task.Exception
                    : task.IsCanceled ? new TimeoutException($"The broker did not confirm within {_options.SendTimeout}.") : null;
                cts.Dispose();
                _outcomes.Enqueue(new SendOutcome(generation, stream, number, error));
                _wake.Set();
            },
            timeout,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Applies send outcomes and acknowledgements; throws when a send failed.</summary>
    private void SettleOutcomes()
    {
        CollectOutcomes();
        if (_acks.IsEmpty)
        {
            // Nothing to apply.
        }
        else if (_definition.CheckpointMode == CheckpointMode.ClientAck)
        {
            foreach (var stream in _acks.Keys)
            {
                if (_acks.TryRemove(stream, out var number))
                {
                    _cursors.AcknowledgeThrough(stream, number);
                    _dirty = true;
                }
            }
        }
        else
        {
            _acks.Clear();
        }

        if (_failures.Count > 0)
        {
            throw new DeliveryFailedException(_failures[0]);
        }
    }

    private void CollectOutcomes()
    {
        while (_outcomes.TryDequeue(out var outcome))
        {
            if (outcome.Generation != _generation)
            {
                continue; // From before a rewind: already accounted for.
            }

            _unconfirmed--;
            if (outcome.Error is not null)
            {
                _failures.Add(outcome.Error);
            }
            else if (outcome.StreamId is { } stream && _definition.CheckpointMode == CheckpointMode.BrokerConfirmed)
            {
                _cursors.Confirm(stream, outcome.EventNumber);
                _dirty = true;
            }
        }
    }

    private void FallBehind()
    {
        _live.Reset();
        _fellBehind = true;
        _needFullSweep = true;
        _state = SubscriptionState.CatchingUp;
        _logger.LogInformation(
            "Subscription {Subscription} fell behind: its live buffer ({Capacity} events) filled; reading from its position instead",
            _definition.Key, _options.LiveBufferSize);
        SendSignal(new SubscriptionFellBehind(_definition.Name, Store, Now));
        PublishSnapshot();
    }

    private async Task RecoverAsync(Exception failure, CancellationToken cancellationToken)
    {
        _consecutiveFailures++;
        _state = SubscriptionState.Retrying;
        _lastError = Describe(failure);
        var delay = _retryBackoff.DelayAfter(_consecutiveFailures, Random.Shared);
        if (failure.InnerException is DestinationGoneException)
        {
            _logger.LogError("Subscription {Subscription}: the broker returned its events: no queue is bound to {Destination}; retrying in {Delay}",
                _definition.Key, _definition.Destination, delay);
        }
        else
        {
            _logger.LogWarning(failure, "Subscription {Subscription}: {Problem}; retrying from its checkpoint in {Delay}",
                _definition.Key, _lastError, delay);
        }

        PublishSnapshot();
        await SettleAsync().ConfigureAwait(false);
        Rewind();
        await Task.Delay(delay, _deps.Time, cancellationToken).ConfigureAwait(false);
        _needFullSweep = true;
    }

    private static string Describe(Exception failure) => failure switch
    {
        DeliveryFailedException { InnerException: DestinationGoneException gone } => gone.Message,
        DeliveryFailedException delivery => delivery.Message,
        _ => $"reading the store failed: {failure.Message}",
    };

    /// <summary>Waits (bounded) for the outcomes of sends in flight, so that the checkpoint and a rewind see them.</summary>
    private async Task SettleAsync()
    {
        var deadline = Now + _options.SendTimeout + TimeSpan.FromSeconds(1);
        while (true)
        {
            CollectOutcomes();
            if (_unconfirmed == 0 || Now >= deadline)
            {
                return;
            }

            await _wake.WaitAsync(deadline - Now, _deps.Time, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Every stream goes back to its checkpoint; what follows is read and sent again.</summary>
    private void Rewind()
    {
        foreach (var stream in _cursors.Streams.ToArray())
        {
            var cursor = _cursors.Get(stream);
            if (cursor.PendingCount > 0 || cursor.Examined > cursor.Checkpoint)
            {
                _cursors.RewindTo(stream, cursor.Checkpoint);
            }
        }

        _generation++;
        _unconfirmed = 0;
        _failures.Clear();
        _warmup = true;
        _live.Reset();
        _resync.Clear();
    }

    private async Task<RunnerExit> StopForDataLossAsync(DataLossException loss)
    {
        _state = SubscriptionState.DataLoss;
        _lastError = loss.Message;
        _logger.LogError("Subscription {Subscription}: DATA LOSS. {Problem}", _definition.Key, loss.Message);
        await SettleAsync().ConfigureAwait(false);
        SendSignal(new SubscriptionDropped(_definition.Name, Store, SubscriptionDropReason.DataLoss, loss.Message, Now));
        await SettleAsync().ConfigureAwait(false);
        CollectOutcomes();
        PublishSnapshot();
        if (_definition.IsPersistent)
        {
            // Stored, so that no replica resumes it and every replica reports it; written anew
            // when the lost store took the record with it.
            try
            {
                if (!await _deps.Checkpoints.UpdateAsync(Record(_snapshot), CancellationToken.None).ConfigureAwait(false))
                {
                    await _deps.Checkpoints.CreateAsync(Record(_snapshot), CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Subscription {Subscription}: could not store its data-loss state", _definition.Key);
            }
        }

        return RunnerExit.DataLoss;
    }

    private async Task FlushIfDueAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        if (now < _lastFlushAt + (_dirty ? _options.CheckpointInterval : StatusHeartbeat))
        {
            return;
        }

        _lastFlushAt = now;
        PublishSnapshot();
        if (!_definition.IsPersistent)
        {
            _dirty = false;
            return;
        }

        bool stored;
        try
        {
            stored = await _deps.Checkpoints.UpdateAsync(Record(_snapshot), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not a delivery failure: the checkpoint is written again at the next interval.
            _logger.LogWarning("Subscription {Subscription}: writing its checkpoint failed ({Problem}); trying again", _definition.Key, e.Message);
            return;
        }

        if (!stored)
        {
            // Removed, or the node lost its whole store (record included): only the versions tell.
            await VerifyStreamsAsync(cancellationToken).ConfigureAwait(false);
            throw new SubscriptionRemovedException();
        }

        _dirty = false;
    }

    private async Task FinalFlushAsync()
    {
        if (!_definition.IsPersistent)
        {
            return;
        }

        // Handing over: the next owner resumes from here; until it reports, nobody owns it.
        var snapshot = new RunnerSnapshot(
            _cursors.Checkpoint(),
            RuntimeStatus.Unowned(Now) with { LiveFeed = _feedState, Lag = _cursors.Lag() });
        _snapshot = snapshot;
        try
        {
            await _deps.Checkpoints.UpdateAsync(Record(snapshot), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogWarning("Subscription {Subscription}: writing its final checkpoint failed ({Problem}); events after the last one will be delivered again",
                _definition.Key, e.Message);
        }
    }

    private void PublishSnapshot()
    {
        foreach (var (stream, number) in _live.Latest)
        {
            if (_selector.SingleStream is null || string.Equals(_selector.SingleStream, stream, StringComparison.Ordinal))
            {
                _cursors.Get(stream).SawVersion(number);
            }
        }

        _snapshot = new RunnerSnapshot(
            _cursors.Checkpoint(),
            new RuntimeStatus(_deps.ReplicaId, _state, _feedState, _cursors.Lag(), _cursors.PendingTotal, _lastError, Now));
    }

    private SubscriptionRecord Record(RunnerSnapshot snapshot) =>
        new(_definition, snapshot.Checkpoint, snapshot.Status, _createdAt);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
