using EsdbGater.Host.Cluster;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Logging;
using EsdbGater.Host.Observability;
using EsdbGater.Host.Pool;
using EsdbGater.Plugins.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Operations;

/// <summary>A call that reads: safe to repeat, so it is retried once elsewhere.</summary>
internal delegate Task<T> ReadCall<T>(IExesdbNode node, GatewayWorkerRef worker, TimeSpan timeout, CancellationToken cancellationToken);

/// <summary>
/// Runs idempotent calls (step 4 of the request path): on a balanced worker, with the read
/// deadline; after a timeout, a lost node or a crashed worker, once more on another node (or
/// another worker when there is no other node). A crashed or vanished worker also makes the
/// monitor list that node's workers again.
/// </summary>
internal sealed partial class ReadExecutor
{
    private readonly WorkerPool _pool;
    private readonly IWorkerRefresher _refresher;
    private readonly IOptions<PoolOptions> _options;
    private readonly ILogger _logger;
    private readonly GatewayMetrics? _metrics;

    public ReadExecutor(WorkerPool pool, IWorkerRefresher refresher, IOptions<PoolOptions> options, ILoggerFactory loggerFactory, GatewayMetrics? metrics = null)
    {
        _pool = pool;
        _refresher = refresher;
        _options = options;
        _logger = loggerFactory.CreateLogger(LogComponent.Api);
        _metrics = metrics;
    }

    public async Task<T> ExecuteAsync<T>(string? store, RequestBudget budget, ReadCall<T> call, CancellationToken cancellationToken)
    {
        var timeout = _options.Value.ReadTimeout;
        using var first = await _pool.AcquireBalancedAsync(store, cancellationToken).ConfigureAwait(false);
        try
        {
            return await call(first.Node, first.Worker, budget.NextCall(timeout), cancellationToken).ConfigureAwait(false);
        }
        catch (ExesdbCallException e) when (IsWorthRetrying(e.Failure))
        {
            _refresher.RefreshIfWorkerGone(first, e.Failure);
            using var second = _pool.TryAcquireAlternative(store, first);
            if (second is null || budget.IsExhausted)
            {
                throw;
            }

            LogRetrying(first.NodeName, e.Failure, second.NodeName);
            _metrics?.NodeCallRetried(GatewayMetrics.ReadCall, e.Failure);
            try
            {
                return await call(second.Node, second.Worker, budget.NextCall(timeout), cancellationToken).ConfigureAwait(false);
            }
            catch (ExesdbCallException again) when (IsWorthRetrying(again.Failure))
            {
                _refresher.RefreshIfWorkerGone(second, again.Failure);
                throw;
            }
        }
    }

    private static bool IsWorthRetrying(ExesdbCallFailure failure) =>
        failure is ExesdbCallFailure.Timeout or ExesdbCallFailure.NodeDown or ExesdbCallFailure.WorkerDown or ExesdbCallFailure.NoProcess;

    [LoggerMessage(1, LogLevel.Information, "Read on node {Node} failed ({Failure}); retrying on node {RetryNode}")]
    private partial void LogRetrying(string node, ExesdbCallFailure failure, string retryNode);
}
