namespace EsdbGater.Host.Api;

/// <summary>
/// The gateway's receive endpoints (queues). Clients need not know them: requests are published,
/// and each queue is bound to the exchange of its request type (e.g. <c>EsdbGater.Contracts:AppendEvents</c>).
/// A client that prefers sending names the queue: <c>exchange:esdb-gater.append-events</c> or
/// <c>queue:esdb-gater.append-events</c>. All replicas of one gateway share each queue.
/// </summary>
internal static class GatewayEndpoints
{
    public const string AppendEvents = "append-events";
    public const string GetEvents = "get-events";
    public const string GetVersion = "get-version";
    public const string GetStreams = "get-streams";
    public const string ListStores = "list-stores";
    public const string RecordSnapshot = "record-snapshot";
    public const string ReadSnapshot = "read-snapshot";
    public const string DeleteSnapshot = "delete-snapshot";
    public const string ListSnapshots = "list-snapshots";
    public const string GetClusterStatus = "get-cluster-status";

    public static string Name(string prefix, string queue) => $"{prefix}.{queue}";
}
