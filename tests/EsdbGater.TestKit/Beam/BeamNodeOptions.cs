namespace EsdbGater.TestKit.Beam;

/// <summary>How to start a test BEAM node. Everything is loopback-only and isolated by default.</summary>
public sealed record BeamNodeOptions
{
    public BeamRuntime Runtime { get; init; } = BeamRuntime.Otp25Host;

    public BeamProgram Program { get; init; } = BeamProgram.Erl;

    public BeamNameMode NameMode { get; init; } = BeamNameMode.Long;

    /// <summary>The alive part of the node name; a unique one by default.</summary>
    public string Alive { get; init; } = "peer_" + Guid.NewGuid().ToString("N")[..8];

    public string Cookie { get; init; } = "esdbgater_test_cookie";

    /// <summary>kernel net_ticktime in seconds; null keeps OTP's 60.</summary>
    public int? NetTickTimeSeconds { get; init; }

    /// <summary>Host directories with .beam files to add with -pa (copied into the root for OTP 27 when outside it).</summary>
    public IReadOnlyList<string> CodePaths { get; init; } = [];

    /// <summary>Code run after start (Erlang expressions for erl, Elixir code for elixir); the ready marker is printed after it.</summary>
    public string? Eval { get; init; }

    /// <summary>Extra arguments for erl (for elixir they go into --erl), e.g. <c>-proto_dist inet_tls</c>.</summary>
    public IReadOnlyList<string> ExtraErlArgs { get; init; } = [];

    /// <summary>Extra environment variables for the node process.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>An EPMD to register with (nodes that talk to each other must share one); null starts a private one.</summary>
    public EpmdDaemon? Epmd { get; init; }

    /// <summary>
    /// How long to wait for the ready marker. It only has to catch a node that never starts: an
    /// Elixir node that compiles its eval'd module took over 30 s on a loaded 2-core machine.
    /// </summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);
}
