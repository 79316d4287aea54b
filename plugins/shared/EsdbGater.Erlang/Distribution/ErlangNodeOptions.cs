namespace EsdbGater.Erlang.Distribution;

/// <summary>Settings of the local hidden node.</summary>
public sealed record ErlangNodeOptions
{
    /// <summary>Our node name, <c>alive@host</c>; must be unique per process (see <see cref="NodeName.CreateUnique"/>).</summary>
    public required string NodeName { get; init; }

    /// <summary>The distribution cookie. Never logged, never put in an exception message.</summary>
    public required string Cookie { get; init; }

    /// <summary>EPMD port on the remote hosts (ERL_EPMD_PORT), default 4369.</summary>
    public int EpmdPort { get; init; } = 4369;

    /// <summary>Time allowed for each handshake step (also the EPMD lookup and the TCP connect).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Send a tick when nothing was written for this long. Keep below the cluster's net_ticktime.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Consider the peer dead when nothing at all (ticks included) arrived for this long.</summary>
    public TimeSpan PeerTimeout { get; init; } = TimeSpan.FromSeconds(75);

    /// <summary>Largest packet accepted from a peer; larger ones close the connection.</summary>
    public int MaxPacketSize { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// Answer the peer's ticks and send our own when idle. Tests switch this off to make the
    /// connection silent and provoke the peer's tick timeout.
    /// </summary>
    public bool AnswerTicks { get; init; } = true;

    /// <summary>Messages a mailbox holds before reading from the sending connection pauses.</summary>
    public int MailboxCapacity { get; init; } = 100_000;

    /// <summary>TLS distribution (inet_tls_dist); null for plain TCP.</summary>
    public DistributionTlsOptions? Tls { get; init; }
}
