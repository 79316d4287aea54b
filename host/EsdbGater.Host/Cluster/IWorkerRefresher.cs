namespace EsdbGater.Host.Cluster;

/// <summary>
/// Lets the pool ask for a node's workers to be listed again now, e.g. after a worker crashed
/// (ExESDB restarts it under a new pid and a new Swarm name).
/// </summary>
internal interface IWorkerRefresher
{
    void RequestRefresh(string nodeName);
}
