namespace EsdbGater.Contracts;

/// <summary>One node as the answering gateway sees it.</summary>
/// <param name="NodeName">Full node name, <c>alive@host</c>.</param>
/// <param name="Connected">Whether the gateway is connected to it now.</param>
/// <param name="Workers">Gateway workers per store on the node (empty when not connected).</param>
/// <param name="Since">When the node entered its current state, by the gateway's clock.</param>
public sealed record ClusterNodeStatus(
    string NodeName,
    bool Connected,
    IReadOnlyList<StoreWorkers> Workers,
    DateTimeOffset Since);
