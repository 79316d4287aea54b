using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tcp.Operations;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Transport.Tcp.Workers;

/// <summary>
/// Lists a node's gateway workers from both sources of contract §1.3: Swarm can miss workers
/// (a lost name race leaves one running unregistered) and lags behind crashes, the partition
/// supervisors need the store names. Each source may fail on its own (no Swarm, store not
/// on this node, slow reply); only a lost connection fails the listing.
/// </summary>
internal sealed class GatewayWorkerDirectory(RemoteCalls calls, WorkerIds ids, ILogger logger, TimeProvider timeProvider)
{
    public async Task<IReadOnlyList<GatewayWorkerRef>> ListAsync(IReadOnlyCollection<string> knownStores, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        TimeSpan Remaining() => timeout - timeProvider.GetElapsedTime(started);

        var node = calls.Connection.RemoteNode;
        var swarmTask = SwarmWorkersAsync(node, timeout, cancellationToken);
        var known = knownStores.Distinct(StringComparer.Ordinal).ToArray();
        var supervisedTask = Task.WhenAll(known.Select(s => SupervisedWorkersAsync(s, timeout, cancellationToken)));

        var swarm = await swarmTask.ConfigureAwait(false);
        var found = new Dictionary<ErlPid, string>();
        foreach (var worker in swarm)
        {
            found.TryAdd(worker.Pid, worker.Store);
        }

        foreach (var worker in (await supervisedTask.ConfigureAwait(false)).SelectMany(w => w))
        {
            found.TryAdd(worker.Pid, worker.Store);
        }

        var unknownStores = swarm.Select(w => w.Store).Distinct(StringComparer.Ordinal).Except(known, StringComparer.Ordinal).ToArray();
        if (unknownStores.Length > 0 && Remaining() > TimeSpan.Zero)
        {
            var more = await Task.WhenAll(unknownStores.Select(s => SupervisedWorkersAsync(s, Remaining(), cancellationToken))).ConfigureAwait(false);
            foreach (var worker in more.SelectMany(w => w))
            {
                found.TryAdd(worker.Pid, worker.Store);
            }
        }

        return found
            .Select(pair => new GatewayWorkerRef(pair.Value, node.Name, ids.Issue(pair.Key)))
            .OrderBy(w => w.Store, StringComparer.Ordinal)
            .ThenBy(w => w.Id, StringComparer.Ordinal)
            .ToArray();
    }

    private async Task<IReadOnlyList<WorkerRegistryProtocol.FoundWorker>> SwarmWorkersAsync(ErlAtom node, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await calls.RpcAsync(
                WorkerRegistryProtocol.SwarmModule, WorkerRegistryProtocol.SwarmRegistered, [], "Swarm.registered", timeout, cancellationToken).ConfigureAwait(false);
            if (WorkerRegistryProtocol.ParseSwarmRegistered(reply, node) is { } workers)
            {
                return workers;
            }

            logger.LogDebug("Node {Node} has no usable Swarm registry ({Reply}); using the partition supervisors only", node.Name, Failures.ExesdbFailures.Quote(reply));
        }
        catch (ExesdbCallException e) when (e.Failure != ExesdbCallFailure.NodeDown)
        {
            logger.LogWarning("Swarm.registered on {Node} failed ({Failure}); using the partition supervisors only", node.Name, e.Failure);
        }

        return [];
    }

    private async Task<IReadOnlyList<WorkerRegistryProtocol.FoundWorker>> SupervisedWorkersAsync(string store, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (StoreAtom.Derived(WorkerRegistryProtocol.PartitionSupervisorPrefix, store) is not { } supervisor)
        {
            return [];
        }

        try
        {
            var reply = await calls.CallAsync(supervisor, WorkerRegistryProtocol.WhichChildren, "which_children", timeout, cancellationToken).ConfigureAwait(false);
            return WorkerRegistryProtocol.ParseWhichChildren(reply).Select(pid => new WorkerRegistryProtocol.FoundWorker(store, pid)).ToArray();
        }
        catch (ExesdbCallException e) when (e.Failure == ExesdbCallFailure.NoProcess)
        {
            // The store does not run on this node.
            return [];
        }
        catch (ExesdbCallException e) when (e.Failure is ExesdbCallFailure.Timeout or ExesdbCallFailure.WorkerDown)
        {
            logger.LogWarning("which_children of {Supervisor} on {Node} failed ({Failure})", supervisor.Name, calls.Connection.RemoteNode.Name, e.Failure);
            return [];
        }
    }
}
