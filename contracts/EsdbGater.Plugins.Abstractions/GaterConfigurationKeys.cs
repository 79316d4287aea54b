namespace EsdbGater.Plugins;

/// <summary>
/// Configuration keys shared by the host and its plugins. The host maps the seed's environment
/// variable names onto these keys (named in each constant's doc), so plugins read one key and
/// never care where a value came from.
/// </summary>
public static class GaterConfigurationKeys
{
    /// <summary>The Erlang distribution cookie; from <c>EX_ESDB_COOKIE</c> or <c>RELEASE_COOKIE</c>. Secret.</summary>
    public const string Cookie = "Cluster:Cookie";

    /// <summary>The libcluster gossip secret; from <c>EX_ESDB_CLUSTER_SECRET</c>. Secret.</summary>
    public const string ClusterSecret = "Cluster:Secret";

    /// <summary>The stores the gateway serves (array), e.g. <c>reg_gh</c>.</summary>
    public const string Stores = "Gateway:Stores";

    /// <summary>ExESDB's events PubSub name; from <c>EX_ESDB_PUB_SUB</c>, default <c>ex_esdb_events</c>.</summary>
    public const string PubSub = "Gateway:PubSub";

    /// <summary>Which discovery plugin to use: <c>static</c> or <c>gossip</c>.</summary>
    public const string DiscoveryPlugin = "Discovery:Plugin";

    /// <summary>Which transport plugin to use: <c>tcp</c>.</summary>
    public const string TransportPlugin = "Transport:Plugin";

    /// <summary>Static node list (array of <c>name@host</c>); from <c>EX_ESDB_GATER_CONNECT_TO</c> (comma or space separated).</summary>
    public const string StaticNodes = "Discovery:Static:Nodes";

    /// <summary>Section of the gossip plugin: Port (<c>EX_ESDB_CLUSTER_PORT</c>), Interface (<c>EX_ESDB_CLUSTER_INTERFACE</c>), MulticastAddress (<c>EX_ESDB_GOSSIP_MULTICAST_ADDR</c>), MulticastInterface, BroadcastOnly.</summary>
    public const string GossipSection = "Discovery:Gossip";

    /// <summary>Section of the tcp transport: EpmdPort (<c>ERL_EPMD_PORT</c>), NodeHost, NodeNamePrefix, TickInterval, HandshakeTimeout, Tls.</summary>
    public const string TcpSection = "Transport:Tcp";

    /// <summary>Minimum log level; from <c>LOG_LEVEL</c>.</summary>
    public const string LogLevel = "Serilog:MinimumLevel:Default";
}
