using EsdbGater.Host.Cluster;
using EsdbGater.Host.Pool;
using EsdbGater.Plugins.Transport;

namespace EsdbGater.Host.Operations;

/// <summary>What a failed call tells the cluster monitor.</summary>
internal static class WorkerRefresherExtensions
{
    /// <summary>
    /// A worker that crashed during the call or was gone before it is restarted by ExESDB under a
    /// new pid and Swarm name, so its node's workers are listed again; other failures say nothing
    /// about the workers.
    /// </summary>
    public static void RefreshIfWorkerGone(this IWorkerRefresher refresher, WorkerLease lease, ExesdbCallFailure failure)
    {
        if (failure is ExesdbCallFailure.WorkerDown or ExesdbCallFailure.NoProcess)
        {
            refresher.RequestRefresh(lease.NodeName);
        }
    }
}
