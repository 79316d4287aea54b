namespace EsdbGater.Erlang.Distribution;

/// <summary>Settings of the local hidden node.</summary>
public sealed record ErlangNodeOptions
{
    /// <summary>Our node name, <c>alive@host</c>; must be unique per process.</summary>
    public required string NodeName { get; init; }

    /// <summary>The distribution cookie. Never logged, never put in an exception message.</summary>
    public required string Cookie { get; init; }

    /// <summary>EPMD port on the remote hosts (ERL_EPMD_PORT), default 4369.</summary>
    public int EpmdPort { get; init; } = 4369;

    /// <summary>Time allowed for each handshake step.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Send a tick when nothing was written for this long. Keep below the cluster's net_ticktime.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Consider the peer dead when nothing at all arrived for this long.</summary>
    public TimeSpan PeerTimeout { get; init; } = TimeSpan.FromSeconds(75);

    /// <summary>Largest packet accepted from a peer; larger ones close the connection.</summary>
    public int MaxPacketSize { get; init; } = 64 * 1024 * 1024;

    /// <summary>Answer the peer's ticks (tests switch this off to provoke a tick timeout).</summary>
    public bool AnswerTicks { get; init; } = true;

    /// <summary>TLS distribution (inet_tls_dist); null for plain TCP.</summary>
    public DistributionTlsOptions? Tls { get; init; }
}
