namespace EsdbGater.TestKit.ExesdbDev;

/// <summary>How to start a development ExESDB cluster (compose/exesdb-dev). Loopback only, isolated EPMD.</summary>
public sealed record DevClusterOptions
{
    /// <summary>How many nodes; they all serve <see cref="Stores"/> and share one Mnesia store.</summary>
    public int NodeCount { get; init; } = 1;

    public IReadOnlyList<string> Stores { get; init; } = ["reg_gh"];

    /// <summary>The distribution cookie; a random one by default. Given to the nodes by environment, never on a command line.</summary>
    public string Cookie { get; init; } = "devcluster_" + Guid.NewGuid().ToString("N");

    public BeamRuntime Runtime { get; init; } = BeamRuntime.Otp25Host;

    public DevEmitterMode EmitterMode { get; init; } = DevEmitterMode.Started;

    public DevStorage Storage { get; init; } = DevStorage.Disc;

    /// <summary>Short names (<c>alive@host</c>, like ExESDB) or long names (<c>alive@127.0.0.1</c>).</summary>
    public bool LongNames { get; init; }

    /// <summary>The alive part of node i is <c>{NamePrefix}{i}</c> (1-based); unique per cluster by default.</summary>
    public string NamePrefix { get; init; } = "exesdb_" + Guid.NewGuid().ToString("N")[..8] + "_";

    /// <summary>Gateway workers per store and node (ExESDB's gateway_pool_size).</summary>
    public int GatewayPoolSize { get; init; } = 1;

    /// <summary>Heartbeats; null sends none.</summary>
    public DevGossipOptions? Gossip { get; init; }

    /// <summary>kernel net_ticktime in seconds; null keeps OTP's 60.</summary>
    public int? NetTickTimeSeconds { get; init; }

    /// <summary>debug, info (default), notice, warning or error.</summary>
    public string LogLevel { get; init; } = "info";

    /// <summary>Further options for bin/exesdb-dev.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>How long each node may take to print its readiness line.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long SIGTERM may take before SIGKILL.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);
}
