using EsdbGater.Contracts;
using EsdbGater.Host.Cluster;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Logging;
using EsdbGater.Host.Observability;
using EsdbGater.Host.Pool;
using EsdbGater.Plugins.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Operations;

/// <summary>
/// Appends (steps 3-5 of the request path), never blindly retried:
/// <list type="number">
/// <item>appends to one stream are serialised in this gateway and go to the stream's owner node;</item>
/// <item>a call whose outcome is unknown (deadline passed, node or worker lost mid-call) is settled
/// by reading back the stream's tail and comparing event ids: written → <see cref="EventsAppended"/>;
/// not written → retried once on the current owner, pinned to the version just read so that a late
/// original makes the retry fail instead of writing the events twice; partly written or unreadable →
/// <see cref="GatewayErrorCode.AppendOutcomeUnknown"/>;</item>
/// <item>a worker that was gone before the call (<c>noproc</c>) wrote nothing: retried once.</item>
/// </list>
/// Answers <see cref="EventsAppended"/>, <see cref="WrongExpectedVersion"/> or <see cref="GatewayError"/>;
/// other failures throw (mapped by <c>GatewayErrors</c>).
/// </summary>
internal sealed partial class AppendExecutor
{
    private readonly WorkerPool _pool;
    private readonly StreamLocks _locks;
    private readonly IWorkerRefresher _refresher;
    private readonly IOptions<PoolOptions> _options;
    private readonly ILogger _logger;
    private readonly GatewayMetrics? _metrics;

    public AppendExecutor(WorkerPool pool, StreamLocks locks, IWorkerRefresher refresher, IOptions<PoolOptions> options, ILoggerFactory loggerFactory, GatewayMetrics? metrics = null)
    {
        _pool = pool;
        _locks = locks;
        _refresher = refresher;
        _options = options;
        _logger = loggerFactory.CreateLogger(LogComponent.Api);
        _metrics = metrics;
    }

    private PoolOptions Options => _options.Value;

    public async Task<object> AppendAsync(AppendEvents request, RequestBudget budget, CancellationToken cancellationToken)
    {
        var append = new PendingAppend(request.Store, request.StreamId, request.ExpectedVersion ?? ExpectedVersion.Any, WithIds(request.Events));
        using var streamLock = await _locks.AcquireAsync(append.Store, append.StreamId, cancellationToken).ConfigureAwait(false);
        using var owner = await _pool.AcquireOwnerAsync(append.Store, append.StreamId, cancellationToken).ConfigureAwait(false);
        try
        {
            var outcome = await CallAsync(owner, append, append.Expected, budget, cancellationToken).ConfigureAwait(false);
            return await AnswerAsync(outcome, owner, append, budget, cancellationToken).ConfigureAwait(false);
        }
        catch (ExesdbCallException e) when (e.OutcomeUnknown)
        {
            _refresher.RefreshIfWorkerGone(owner, e.Failure);
            LogOutcomeUnknown(append.Store, append.StreamId, owner.NodeName, e.Failure);
            _metrics?.AppendOutcomeUnknown(e.Failure);
            return await SettleAsync(append, owner, budget, cancellationToken).ConfigureAwait(false);
        }
        catch (ExesdbCallException e) when (e.Failure == ExesdbCallFailure.NoProcess)
        {
            // The worker no longer existed, so it took nothing: one retry with a fresh worker list.
            _refresher.RefreshIfWorkerGone(owner, e.Failure);
            _metrics?.NodeCallRetried(GatewayMetrics.AppendCall, e.Failure);
            using var retry = await _pool.AcquireOwnerAsync(append.Store, append.StreamId, cancellationToken).ConfigureAwait(false);
            var outcome = await CallAsync(retry, append, append.Expected, budget, cancellationToken).ConfigureAwait(false);
            return await AnswerAsync(outcome, retry, append, budget, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<object> SettleAsync(PendingAppend append, WorkerLease failed, RequestBudget budget, CancellationToken cancellationToken)
    {
        var verdict = await TryReadBackAsync(append, failed, budget, cancellationToken).ConfigureAwait(false);
        switch (verdict)
        {
            case AppendVerdict.Written written:
                LogSettled(append.StreamId, "written");
                return append.Appended(written.LastEventNumber);
            case AppendVerdict.NotWritten notWritten when !Satisfies(append.Expected, notWritten.Version):
                return append.Conflict(notWritten.Version);
            case AppendVerdict.NotWritten notWritten:
                LogSettled(append.StreamId, "not written; retrying once");
                _metrics?.NodeCallRetried(GatewayMetrics.AppendCall, GatewayMetrics.NotWritten);
                return await RetryPinnedAsync(append, notWritten.Version, budget, cancellationToken).ConfigureAwait(false);
            case AppendVerdict.PartlyWritten partly:
                return OutcomeUnknown(append, $"only {partly.Found} of {partly.Appended} events were written (event numbers {string.Join(", ", partly.EventNumbers)}); read the stream before appending again.");
            default:
                return OutcomeUnknown(append, "the gateway could not read the stream back to find out whether the events were written; read the stream before appending again.");
        }
    }

    private async Task<object> RetryPinnedAsync(PendingAppend append, long version, RequestBudget budget, CancellationToken cancellationToken)
    {
        // Any and StreamExists are pinned to the version just read: should the first call still
        // land late, this one then fails with a conflict instead of writing the events twice.
        var pinned = append.Expected.IsAny || append.Expected.IsStreamExists
            ? (version < 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exact(version))
            : append.Expected;
        using var owner = await _pool.AcquireOwnerAsync(append.Store, append.StreamId, cancellationToken).ConfigureAwait(false);
        AppendOutcome outcome;
        try
        {
            outcome = await CallAsync(owner, append, pinned, budget, cancellationToken).ConfigureAwait(false);
        }
        catch (ExesdbCallException e) when (e.OutcomeUnknown)
        {
            _refresher.RefreshIfWorkerGone(owner, e.Failure);
            _metrics?.AppendOutcomeUnknown(e.Failure);
            return await TryReadBackAsync(append, owner, budget, cancellationToken).ConfigureAwait(false) is AppendVerdict.Written w
                ? append.Appended(w.LastEventNumber)
                : OutcomeUnknown(append, "the append and its one retry both ended without an answer; read the stream before appending again.");
        }

        switch (outcome)
        {
            case AppendSucceeded ok:
                return append.Appended(ok.LastEventNumber);
            case AppendConflict conflict:
                var again = await TryReadBackAsync(append, owner, budget, cancellationToken).ConfigureAwait(false);
                if (again is AppendVerdict.Written late)
                {
                    return append.Appended(late.LastEventNumber);
                }

                if (pinned == append.Expected)
                {
                    return append.Conflict(conflict.CurrentVersion ?? (again as AppendVerdict.NotWritten)?.Version);
                }

                return again is AppendVerdict.NotWritten
                    ? new GatewayError(GatewayErrorCode.NodeFailure, $"The append to '{append.StreamId}' was not written: a node failed, and the retry met a concurrent write. It is safe to append again.")
                    : OutcomeUnknown(append, "the stream changed while the gateway settled the append; read the stream before appending again.");
            default:
                throw new ExesdbCallException(ExesdbCallFailure.UnexpectedReply, $"Unknown append outcome {outcome.GetType().Name}.");
        }
    }

    /// <summary>Reads the stream's tail on the node that took the append when it is still connected (reads are local on ExESDB nodes), else on the current owner.</summary>
    private async Task<AppendVerdict?> TryReadBackAsync(PendingAppend append, WorkerLease tried, RequestBudget budget, CancellationToken cancellationToken)
    {
        try
        {
            if (tried.Node.IsConnected)
            {
                return await ReadBackAsync(tried, append, budget, cancellationToken).ConfigureAwait(false);
            }

            using var owner = await _pool.AcquireOwnerAsync(append.Store, append.StreamId, cancellationToken).ConfigureAwait(false);
            return await ReadBackAsync(owner, append, budget, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ExesdbCallException or NoWorkersException or RequestBudgetExhaustedException)
        {
            LogReadBackFailed(append.StreamId, e.Message);
            return null;
        }
    }

    private async Task<AppendVerdict> ReadBackAsync(WorkerLease lease, PendingAppend append, RequestBudget budget, CancellationToken cancellationToken)
    {
        var version = await lease.Node.GetVersionAsync(lease.Worker, append.StreamId, budget.NextCall(Options.ReadTimeout), cancellationToken).ConfigureAwait(false);
        if (version < 0)
        {
            return new AppendVerdict.NotWritten(version);
        }

        var count = (int)Math.Min(version + 1, append.Events.Count + (long)Options.ReadBackWindow);
        var tail = await lease.Node.GetEventsAsync(lease.Worker, append.StreamId, version, count, ReadDirection.Backward, budget.NextCall(Options.ReadTimeout), cancellationToken).ConfigureAwait(false);
        return AppendVerdict.Judge(append.Events, tail, version);
    }

    private Task<AppendOutcome> CallAsync(WorkerLease lease, PendingAppend append, ExpectedVersion expected, RequestBudget budget, CancellationToken cancellationToken) =>
        lease.Node.AppendEventsAsync(lease.Worker, append.StreamId, expected, append.Events, budget.NextCall(Options.AppendTimeout), cancellationToken);

    private async Task<object> AnswerAsync(AppendOutcome outcome, WorkerLease lease, PendingAppend append, RequestBudget budget, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case AppendSucceeded ok:
                return append.Appended(ok.LastEventNumber);
            case AppendConflict { CurrentVersion: { } current }:
                return append.Conflict(current);
            case AppendConflict:
                // ExESDB lost a race and did not say the version; ask for it.
                try
                {
                    return append.Conflict(await lease.Node.GetVersionAsync(lease.Worker, append.StreamId, budget.NextCall(Options.ReadTimeout), cancellationToken).ConfigureAwait(false));
                }
                catch (Exception e) when (e is ExesdbCallException or RequestBudgetExhaustedException)
                {
                    return append.Conflict(null);
                }

            default:
                throw new ExesdbCallException(ExesdbCallFailure.UnexpectedReply, $"Unknown append outcome {outcome.GetType().Name}.");
        }
    }

    private static GatewayError OutcomeUnknown(PendingAppend append, string detail) =>
        new(GatewayErrorCode.AppendOutcomeUnknown, $"Append to '{append.StreamId}': {detail}");

    private static bool Satisfies(ExpectedVersion expected, long version) =>
        expected.IsAny || (expected.IsStreamExists ? version >= 0 : expected.Value == version);

    /// <summary>Gives events without an id a UUIDv7: the read-back after an unknown outcome needs ids.</summary>
    private static IReadOnlyList<EventData> WithIds(IReadOnlyList<EventData> events) =>
        events.Any(e => e.EventId == Guid.Empty)
            ? [.. events.Select(e => e.EventId == Guid.Empty ? e with { EventId = Guid.CreateVersion7() } : e)]
            : events;

    private sealed record PendingAppend(string Store, string StreamId, ExpectedVersion Expected, IReadOnlyList<EventData> Events)
    {
        public EventsAppended Appended(long lastEventNumber) => new(Store, StreamId, lastEventNumber);

        public WrongExpectedVersion Conflict(long? current) => new(Store, StreamId, Expected, current);
    }

    [LoggerMessage(1, LogLevel.Warning, "Append to {Store}/{Stream} on node {Node} ended without an answer ({Failure}); reading back to settle it")]
    private partial void LogOutcomeUnknown(string store, string stream, string node, ExesdbCallFailure failure);

    [LoggerMessage(2, LogLevel.Information, "Append to {Stream} settled by read-back: {Verdict}")]
    private partial void LogSettled(string stream, string verdict);

    [LoggerMessage(3, LogLevel.Warning, "Reading back {Stream} to settle an append failed: {Reason}")]
    private partial void LogReadBackFailed(string stream, string reason);
}
