using EsdbGater.Erlang.Terms;

namespace EsdbGater.Transport.Tcp.Workers;

/// <summary>
/// How gateway workers are found (contract §1.3): Swarm's registry read through <c>rex</c>, and
/// <c>which_children</c> of each store's partition supervisor.
/// </summary>
internal static class WorkerRegistryProtocol
{
    public const string SwarmModule = "Elixir.Swarm";
    public const string SwarmRegistered = "registered";
    public const string PartitionSupervisorPrefix = "exesdb_gatewayworkers_";

    public static readonly ErlAtom WhichChildren = ErlAtom.Of("which_children");
    private static readonly ErlAtom GatewayWorker = ErlAtom.Of("gateway_worker");
    private static readonly ErlAtom Worker = ErlAtom.Of("worker");

    /// <summary>A worker found on the node: its store and pid.</summary>
    public readonly record struct FoundWorker(string Store, ErlPid Pid);

    /// <summary>
    /// The <c>{{gateway_worker, Store, Node, N}, Pid}</c> entries of <c>Swarm.registered()</c>
    /// whose pid lives on <paramref name="node"/>; null when the reply is not a list
    /// (<c>{badrpc, _}</c>: a node without Swarm).
    /// </summary>
    public static IReadOnlyList<FoundWorker>? ParseSwarmRegistered(ErlangTerm reply, ErlAtom node)
    {
        if (reply is not ErlList { IsProper: true } entries)
        {
            return null;
        }

        var found = new List<FoundWorker>();
        foreach (var entry in entries.Elements)
        {
            if (entry is ErlTuple { Arity: 2 } pair
                && pair[0] is ErlTuple { Arity: 4 } name && name[0] == GatewayWorker && name[1] is ErlAtom store
                && pair[1] is ErlPid pid && pid.Node == node)
            {
                found.Add(new FoundWorker(store.Name, pid));
            }
        }

        return found;
    }

    /// <summary>The live worker pids of a supervisor's <c>which_children</c> reply (restarting children are skipped).</summary>
    public static IReadOnlyList<ErlPid> ParseWhichChildren(ErlangTerm reply) =>
        reply is ErlList { IsProper: true } children
            ? children.Elements
                .OfType<ErlTuple>()
                .Where(c => c.Arity == 4 && c[2] == Worker)
                .Select(c => c[1])
                .OfType<ErlPid>()
                .ToArray()
            : [];
}
