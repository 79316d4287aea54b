using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;
using EsdbGater.Host.Subscriptions.Selection;
using EsdbGater.Plugins;
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
    private readonly LiveBuffer _live;
    private readonly WakeSignal _wake = new();
    private readonly DeliveryWindow _window;
    private readonly DataLossDetector _dataLoss;
    private readonly SweepSchedule _sweeps;
    private readonly SubscriptionRecordWriter _records;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<string> _resync = new(StringComparer.Ordinal);
    private readonly HashSet<string> _verify = new(StringComparer.Ordinal);
    private readonly ExponentialBackoff _retryBackoff;
    private readonly ILogger _logger;

    private Task<RunnerExit> _run = Task.FromResult(RunnerExit.Stopped);
    private volatile bool _flushOnStop;
    private volatile RunnerSnapshot _snapshot;
    private bool _resumedFirstPass;
    private bool _needFullSweep = true;
    private bool _caughtUpSent;
    private bool _fellBehind;
    private SubscriptionState _state = SubscriptionState.CatchingUp;
    private LiveFeedState _feedState = LiveFeedState.Unknown;
    private string? _lastError;
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
        _resumedFirstPass = resumed;
        _live = new LiveBuffer(_options.LiveBufferSize, _wake.Set);
        _retryBackoff = new ExponentialBackoff(_options.RetryMinDelay, _options.RetryMaxDelay);
        _window = new DeliveryWindow(definition, target, _cursors, dependencies, _wake, () => _dirty = true);
        _dataLoss = new DataLossDetector(definition, _cursors, dependencies);
        _sweeps = new SweepSchedule(_options);
        _records = new SubscriptionRecordWriter(definition, createdAt, dependencies);
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

    public void Start()
    {
        _run = Task.Run(() => RunAsync(_stop.Token));
        _deps.Running?.Track(this);
    }

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
    public void Acknowledge(string streamId, long eventNumber) => _window.Acknowledge(streamId, eventNumber);

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
            await _window.SettleInFlightAsync().ConfigureAwait(false);
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
                _window.Settle();
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

        _sweeps.ResetPollInterval();
        _feedState = state;
        PublishSnapshot();
    }

    private DateTimeOffset NextSweepAt() => _sweeps.NextSweepAt(_feedState);

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
        _sweeps.Swept(Now, found, calls);
        _needFullSweep = false;
        _resumedFirstPass = false;
        _consecutiveFailures = 0;
        if (catchingUp)
        {
            _window.SendSignal(new SubscriptionCaughtUp(_definition.Name, Store, Now));
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
            _window.Settle();
            calls++;
            var cursor = _cursors.Get(stream);
            var version = await _dataLoss.ReadVersionAsync(stream, cursor, cancellationToken).ConfigureAwait(false);
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
            _window.Settle();
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
            var version = await _dataLoss.ReadVersionAsync(stream, cursor, cancellationToken).ConfigureAwait(false);
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

            await _dataLoss.ReadVersionAsync(stream, cursor, cancellationToken).ConfigureAwait(false);
            _verify.Remove(stream);
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
        await _window.SendEventAsync(
            new SubscribedEvent(_definition.Name, Store, stream, number, recordedEvent, redelivered), stream, number, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Back-pressure: waits while the in-flight window is full.</summary>
    private async Task WaitForWindowAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            _window.Settle();
            if (!_window.IsFull)
            {
                return;
            }

            await FlushIfDueAsync(cancellationToken).ConfigureAwait(false);
            await _wake.WaitAsync(_options.CheckpointInterval, _deps.Time, cancellationToken).ConfigureAwait(false);
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
        _window.SendSignal(new SubscriptionFellBehind(_definition.Name, Store, Now));
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
        await _window.SettleInFlightAsync().ConfigureAwait(false);
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

    /// <summary>Every stream goes back to its checkpoint; what follows is read and sent again.</summary>
    private void Rewind()
    {
        _window.Rewind();
        _live.Reset();
        _resync.Clear();
    }

    private async Task<RunnerExit> StopForDataLossAsync(DataLossException loss)
    {
        _state = SubscriptionState.DataLoss;
        _lastError = loss.Message;
        _logger.LogError("Subscription {Subscription}: DATA LOSS. {Problem}", _definition.Key, loss.Message);
        await _window.SettleInFlightAsync().ConfigureAwait(false);
        _window.SendSignal(new SubscriptionDropped(_definition.Name, Store, SubscriptionDropReason.DataLoss, loss.Message, Now));
        await _window.SettleInFlightAsync().ConfigureAwait(false);
        _window.Collect();
        PublishSnapshot();
        if (_definition.IsPersistent)
        {
            await _records.WriteDataLossAsync(_snapshot).ConfigureAwait(false);
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

        var stored = await _records.TryUpdateAsync(_snapshot, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            // Still dirty, so written again at the next interval.
            return;
        }

        if (stored == false)
        {
            // Removed, or the node lost its whole store (record included): only the versions tell.
            await _dataLoss.VerifyStreamsAsync(cancellationToken).ConfigureAwait(false);
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
        await _records.WriteFinalAsync(snapshot).ConfigureAwait(false);
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
}
