namespace EsdbGater.Host.Configuration;

/// <summary>What the gateway serves (section <c>Gateway</c>).</summary>
internal sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>
    /// The stores the gateway serves (<c>Gateway:Stores:0..n</c>). Requests for other stores are
    /// answered with StoreNotFound unless a node reports workers for them. Listing a store here
    /// also makes the cluster monitor look for its workers by supervisor, not only through Swarm.
    /// </summary>
    public List<string> Stores { get; set; } = [];

    /// <summary>ExESDB's events PubSub name (<c>EX_ESDB_PUB_SUB</c>).</summary>
    public string PubSub { get; set; } = "ex_esdb_events";
}
