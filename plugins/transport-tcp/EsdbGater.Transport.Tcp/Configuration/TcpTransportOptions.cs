using EsdbGater.Erlang.Distribution;

namespace EsdbGater.Transport.Tcp.Configuration;

/// <summary>
/// Settings of the tcp transport (section <c>Transport:Tcp</c>), without secrets: the cookie is
/// kept apart so that this record can be logged.
/// </summary>
internal sealed record TcpTransportOptions
{
    /// <summary>Host part of our node name; ExESDB nodes use short names, so the default is the short host name.</summary>
    public required string NodeHost { get; init; }

    /// <summary>
    /// Start of our node name. The default <c>esdbgater_maint</c> makes the name match Swarm's
    /// built-in ignore pattern <c>^.+_maint_.+$</c>, so ExESDB's Swarm never rpcs into us.
    /// </summary>
    public string NodeNamePrefix { get; init; } = "esdbgater_maint";

    public int EpmdPort { get; init; } = 4369;

    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan PeerTimeout { get; init; } = TimeSpan.FromSeconds(75);

    public int MaxPacketSize { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// Messages one of our mailboxes (an event feed member, say) holds before the distribution
    /// layer stops reading that node's connection until it drains: the last line of
    /// back-pressure, which also delays every reply on that connection.
    /// </summary>
    public int MailboxCapacity { get; init; } = 100_000;

    /// <summary>TLS distribution, or null for plain TCP.</summary>
    public DistributionTlsOptions? Tls { get; init; }

    /// <summary>ExESDB's events PubSub (<c>Gateway:PubSub</c>); its adapter group is what the event feed joins.</summary>
    public string PubSubName { get; init; } = "ex_esdb_events";

    /// <summary>Events an event feed buffers for a slow reader before it stops reading its mailbox.</summary>
    public int FeedCapacity { get; init; } = 1024;

    /// <summary>How long joining the event feed may take (pg discovery plus the membership check).</summary>
    public TimeSpan FeedJoinTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
