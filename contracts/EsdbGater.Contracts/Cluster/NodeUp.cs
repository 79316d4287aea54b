namespace EsdbGater.Contracts;

/// <summary>
/// Event published when a gateway connects to an ExESDB node. Every gateway replica publishes its
/// own: subscribers see one per replica and node.
/// </summary>
/// <param name="NodeName">The node, <c>alive@host</c>.</param>
/// <param name="Gateway">The publishing gateway's node name.</param>
/// <param name="Stores">Stores with gateway workers on the node at connect time.</param>
/// <param name="At">When, by the gateway's clock.</param>
public sealed record NodeUp(string NodeName, string Gateway, IReadOnlyList<string> Stores, DateTimeOffset At);
