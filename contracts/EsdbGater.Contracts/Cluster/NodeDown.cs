namespace EsdbGater.Contracts;

/// <summary>
/// Event published when a gateway loses its connection to an ExESDB node, or discovery drops it.
/// Every gateway replica publishes its own.
/// </summary>
/// <param name="NodeName">The node, <c>alive@host</c>.</param>
/// <param name="Gateway">The publishing gateway's node name.</param>
/// <param name="Reason">Why, as the transport or discovery put it.</param>
/// <param name="At">When, by the gateway's clock.</param>
public sealed record NodeDown(string NodeName, string Gateway, string Reason, DateTimeOffset At);
