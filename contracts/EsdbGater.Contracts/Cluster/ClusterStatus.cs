namespace EsdbGater.Contracts;

/// <summary>Response to <see cref="GetClusterStatus"/>.</summary>
/// <param name="Gateway">The answering gateway's own node name on the Erlang distribution.</param>
/// <param name="Nodes">Every node discovery knows, connected or not, ordered by name.</param>
/// <param name="Stores">The stores the gateway serves (configured and seen on nodes), ordered by name.</param>
/// <param name="Healthy">True when the bus is up and every configured store has a worker on a connected node.</param>
public sealed record ClusterStatus(
    string Gateway,
    IReadOnlyList<ClusterNodeStatus> Nodes,
    IReadOnlyList<string> Stores,
    bool Healthy);
