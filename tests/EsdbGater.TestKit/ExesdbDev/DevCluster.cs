using System.Globalization;
using System.Net;
using EsdbGater.TestKit.Beam;

namespace EsdbGater.TestKit.ExesdbDev;

/// <summary>
/// A cluster of development ExESDB nodes (compose/exesdb-dev: a test peer imitating ExESDB 0.11,
/// not ExESDB) for gateway tests: one isolated EPMD on 127.0.0.1, pinned loopback distribution
/// ports, one data directory per node, every node started from <c>bin/exesdb-dev</c> and ready
/// when this returns. Disposal stops every node and then the EPMD by process id and deletes
/// the data.
/// <code>
/// await using var cluster = await DevCluster.StartAsync(new DevClusterOptions { NodeCount = 3 });
/// var node = cluster.Nodes[0].NodeName;   // e.g. exesdb_1a2b3c4d_1@host, cookie cluster.Cookie
/// </code>
/// </summary>
public sealed class DevCluster : IAsyncDisposable
{
    private readonly RuntimeDirectory _data;

    private DevCluster(DevClusterOptions options, EpmdDaemon epmd, RuntimeDirectory data, IReadOnlyList<DevNode> nodes)
    {
        Options = options;
        Epmd = epmd;
        _data = data;
        Nodes = nodes;
    }

    public DevClusterOptions Options { get; }

    public IReadOnlyList<DevNode> Nodes { get; }

    /// <summary>The cluster's private EPMD (share it with other BEAM nodes that must reach these).</summary>
    public EpmdDaemon Epmd { get; }

    public int EpmdPort => Epmd.Port;

    public string Cookie => Options.Cookie;

    public IReadOnlyList<string> Stores => Options.Stores;

    /// <summary>The full names of all nodes.</summary>
    public IReadOnlyList<string> NodeNames => [.. Nodes.Select(n => n.NodeName)];

    public DevNode this[int index] => Nodes[index];

    /// <summary>Compiles the node if needed (once per test process), starts the EPMD and every node, and waits until all are ready.</summary>
    public static async Task<DevCluster> StartAsync(DevClusterOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NodeCount, 1);
        await DevNodeBuild.EnsureCompiledAsync(options.Runtime).ConfigureAwait(false);

        var lifeline = await BeamLifeline.ErlArgumentsAsync(options.Runtime).ConfigureAwait(false);
        var epmd = await EpmdDaemon.StartAsync(options.Runtime, cancellationToken).ConfigureAwait(false);
        var data = RuntimeDirectory.Create(options.Runtime, "esdbgater-devcluster");
        var nodes = CreateNodes(options, epmd.Port, data, lifeline);
        var cluster = new DevCluster(options, epmd, data, nodes);
        try
        {
            // Together: nodes that list each other as peers wait for the seed to create the store.
            await Task.WhenAll(nodes.Select(n => n.StartAsync(cancellationToken))).ConfigureAwait(false);
            return cluster;
        }
        catch (Exception error)
        {
            var logs = cluster.DescribeLogs();
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"The development cluster did not start: {error.Message}\n{logs}", error);
        }
    }

    /// <summary>Every node's output (all runs), for a failing test's message.</summary>
    public string DescribeLogs() =>
        string.Join("\n", Nodes.Select(n => SafeOutput(n))) + $"\n--- epmd (port {EpmdPort}, pid {Epmd.ProcessId}) ---\n{Epmd.Output}";

    /// <summary>Stops every node (SIGTERM, then SIGKILL after the grace period), then the EPMD; deletes the data.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Nodes.Select(n => n.DisposeAsync().AsTask())).ConfigureAwait(false);
        await Epmd.DisposeAsync().ConfigureAwait(false);
        _data.Dispose();
    }

    private static List<DevNode> CreateNodes(DevClusterOptions options, int epmdPort, RuntimeDirectory data, IReadOnlyList<string> lifeline)
    {
        var alives = Enumerable.Range(1, options.NodeCount).Select(i => options.NamePrefix + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var host = options.LongNames ? "127.0.0.1" : ShortHostName();
        var environment = NodeEnvironment(options, lifeline);

        return
        [
            .. alives.Select(alive =>
            {
                var port = LocalPorts.Next();
                var peers = alives.Where(other => other != alive).Select(other => $"{other}@{host}");
                return new DevNode(alive, port, Arguments(options, alive, port, epmdPort, Path.Combine(data.HostPath, alive), peers), environment, options.StartTimeout, options.StopGrace);
            }),
        ];
    }

    private static List<string> Arguments(DevClusterOptions options, string alive, int distributionPort, int epmdPort, string dataDirectory, IEnumerable<string> peers)
    {
        List<string> args =
        [
            "--runtime", DevNodeBuild.RuntimeArgument(options.Runtime),
            options.LongNames ? "--name" : "--sname", options.LongNames ? alive + "@127.0.0.1" : alive,
            "--stores", string.Join(',', options.Stores),
            "--epmd-port", epmdPort.ToString(CultureInfo.InvariantCulture),
            "--dist-port", distributionPort.ToString(CultureInfo.InvariantCulture),
            // Host path: bin/exesdb-dev maps it into the OTP 27 root for the chroot.
            "--data-dir", dataDirectory,
            "--emitter-mode", options.EmitterMode == DevEmitterMode.Exesdb011 ? "exesdb_0_11" : "started",
            "--storage", options.Storage == DevStorage.Ram ? "ram" : "disc",
            "--gateway-pool-size", options.GatewayPoolSize.ToString(CultureInfo.InvariantCulture),
            "--log-level", options.LogLevel,
        ];

        var peerList = string.Join(',', peers);
        if (peerList.Length > 0)
        {
            args.AddRange(["--peers", peerList]);
        }

        if (options.NetTickTimeSeconds is { } tick)
        {
            args.AddRange(["--net-ticktime", tick.ToString(CultureInfo.InvariantCulture)]);
        }

        if (options.Gossip is { } gossip)
        {
            args.AddRange(
            [
                "--gossip", gossip.Mode == DevGossipMode.Multicast ? "multicast" : "unicast",
                "--gossip-port", gossip.Port.ToString(CultureInfo.InvariantCulture),
                "--gossip-multicast-addr", gossip.MulticastAddress,
                "--gossip-interval-ms", gossip.IntervalMs.ToString(CultureInfo.InvariantCulture),
                gossip.Connect ? "--gossip-connect" : "--no-gossip-connect",
            ]);
        }

        args.AddRange(options.ExtraArguments);
        return args;
    }

    // Secrets travel by environment only: never on a command line that ps or a log would show.
    private static Dictionary<string, string> NodeEnvironment(DevClusterOptions options, IReadOnlyList<string> lifeline)
    {
        Dictionary<string, string> environment = new(StringComparer.Ordinal)
        {
            ["EX_ESDB_COOKIE"] = options.Cookie,
            ["LANG"] = "C.UTF-8",
            ["LC_ALL"] = "C.UTF-8",
            // elixir splits this on spaces and passes it to erl: the watchdog's arguments hold none.
            ["ELIXIR_ERL_OPTIONS"] = string.Join(' ', lifeline),
        };
        if (options.Gossip?.Secret is { } secret)
        {
            environment["EX_ESDB_CLUSTER_SECRET"] = secret;
        }

        return environment;
    }

    // What the BEAM uses for -sname: the host name up to the first dot.
    private static string ShortHostName() => Dns.GetHostName().Split('.')[0];

    private static string SafeOutput(DevNode node)
    {
        try
        {
            return node.AllOutput;
        }
        catch (InvalidOperationException)
        {
            return $"--- {node.Alive}: not started ---";
        }
    }
}
