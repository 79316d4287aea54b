using System.Globalization;
using EsdbGater.TestKit.Processes;

namespace EsdbGater.TestKit.Beam;

/// <summary>
/// A real BEAM node for tests: OTP 25 on the host or OTP 27 in the Debian 13 root, on loopback
/// only, with an isolated EPMD, a pinned distribution port and its output captured. Ready when
/// it printed its marker (after the start code ran); disposal stops it by PID and then its
/// private EPMD. It halts by itself when the test process dies (<see cref="BeamLifeline"/>).
/// </summary>
public sealed class BeamNode : IAsyncDisposable
{
    /// <summary>Printed, with the node name, once the start code has run.</summary>
    public const string ReadyMarker = "ESDBGATER_BEAM_READY";

    private readonly ManagedProcess _process;
    private readonly EpmdDaemon? _ownedEpmd;
    private readonly RuntimeDirectory _scratch;

    private BeamNode(BeamNodeOptions options, ManagedProcess process, EpmdDaemon epmd, EpmdDaemon? ownedEpmd, RuntimeDirectory scratch, int distributionPort)
    {
        Options = options;
        _process = process;
        Epmd = epmd;
        _ownedEpmd = ownedEpmd;
        _scratch = scratch;
        DistributionPort = distributionPort;
    }

    public BeamNodeOptions Options { get; }

    public BeamRuntime Runtime => Options.Runtime;

    /// <summary>The full node name, <c>alive@host</c>, as the node reported it.</summary>
    public string NodeName { get; private set; } = "";

    public string Alive => Options.Alive;

    /// <summary>The host part of <see cref="NodeName"/>.</summary>
    public string Host => NodeName[(NodeName.IndexOf('@', StringComparison.Ordinal) + 1)..];

    public string Cookie => Options.Cookie;

    public EpmdDaemon Epmd { get; }

    public int EpmdPort => Epmd.Port;

    public int DistributionPort { get; }

    /// <summary>The node's OS process id (beam.smp: erl, elixir and chroot all exec).</summary>
    public int ProcessId => _process.ProcessId;

    /// <summary>What the node printed (stdout and stderr), for assertions and diagnostics.</summary>
    public OutputLog Output => _process.Output;

    /// <summary>Completes with the exit code when the node process ends.</summary>
    public Task<int> Exited => _process.Exited;

    public static async Task<BeamNode> StartAsync(BeamNodeOptions options, CancellationToken cancellationToken = default)
    {
        var ownedEpmd = options.Epmd is null ? await EpmdDaemon.StartAsync(options.Runtime, cancellationToken).ConfigureAwait(false) : null;
        var epmd = options.Epmd ?? ownedEpmd!;
        var scratch = RuntimeDirectory.Create(options.Runtime, "esdbgater-node");
        ManagedProcess? process = null;
        try
        {
            var lifeline = await BeamLifeline.ErlArgumentsAsync(options.Runtime).ConfigureAwait(false);
            var distributionPort = LocalPorts.Next();
            var start = BeamCommand.Create(options.Runtime, options.Program == BeamProgram.Erl ? "erl" : "elixir", Arguments(options, scratch, distributionPort, lifeline));
            start.Environment["ERL_EPMD_PORT"] = epmd.Port.ToString(CultureInfo.InvariantCulture);
            start.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
            if (options.Runtime == BeamRuntime.Otp25Host)
            {
                start.Environment["HOME"] = scratch.HostPath;
            }
            else
            {
                start.Environment["HOME"] = scratch.RuntimePath;
            }

            foreach (var (key, value) in options.Environment)
            {
                start.Environment[key] = value;
            }

            process = ManagedProcess.Start(start, $"BEAM node {options.Alive} ({options.Runtime})");
            var node = new BeamNode(options, process, epmd, ownedEpmd, scratch, distributionPort);
            await node.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            return node;
        }
        catch
        {
            if (process is not null)
            {
                await process.DisposeAsync().ConfigureAwait(false);
            }

            if (ownedEpmd is not null)
            {
                await ownedEpmd.DisposeAsync().ConfigureAwait(false);
            }

            scratch.Dispose();
            throw;
        }
    }

    /// <summary>Waits for a printed line that contains <paramref name="text"/>.</summary>
    public Task<string> WaitForOutputAsync(string text, TimeSpan timeout) =>
        WaitForOutputAsync(line => line.Contains(text, StringComparison.Ordinal), timeout);

    /// <summary>Waits for a printed line that matches; a timeout error, or the node's exit, fails with everything printed.</summary>
    public Task<string> WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout) => _process.WaitForLineAsync(match, timeout);

    /// <summary>SIGKILL: the node dies without a clean shutdown (its sockets close at once).</summary>
    public Task KillAsync() => _process.KillAsync();

    /// <summary>Stops the node (SIGTERM, SIGKILL after a grace period), then its private EPMD.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        if (_ownedEpmd is not null)
        {
            await _ownedEpmd.DisposeAsync().ConfigureAwait(false);
        }

        _scratch.Dispose();
    }

    /// <summary>The node's process, for tests of the test kit.</summary>
    internal ManagedProcess ManagedProcess => _process;

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var ready = await _process.WaitForLineAsync(line => line.StartsWith(ReadyMarker + " ", StringComparison.Ordinal), Options.StartTimeout, cancellationToken).ConfigureAwait(false);
        NodeName = ready[(ReadyMarker.Length + 1)..].Trim();
    }

    private static List<string> Arguments(BeamNodeOptions options, RuntimeDirectory scratch, int distributionPort, IReadOnlyList<string> lifeline)
    {
        var port = distributionPort.ToString(CultureInfo.InvariantCulture);
        List<string> erl =
        [
            // First, so the watchdog runs before any start code that might hang.
            .. lifeline,
            "-start_epmd", "false",
            "-kernel", "inet_dist_listen_min", port, "inet_dist_listen_max", port,
            "-kernel", "inet_dist_use_interface", "{127,0,0,1}",
        ];
        if (options.NetTickTimeSeconds is { } tick)
        {
            erl.AddRange(["-kernel", "net_ticktime", tick.ToString(CultureInfo.InvariantCulture)]);
        }

        foreach (var path in CodePaths(options, scratch))
        {
            erl.AddRange(["-pa", path]);
        }

        erl.AddRange(options.ExtraErlArgs);

        if (options.Program == BeamProgram.Erl)
        {
            List<string> args = [options.NameMode == BeamNameMode.Short ? "-sname" : "-name", NameArgument(options), "-setcookie", options.Cookie, "-noshell", .. erl];
            if (options.Eval is { } eval)
            {
                args.AddRange(["-eval", eval]);
            }

            args.AddRange(["-eval", $"io:format(\"~s ~s~n\", [\"{ReadyMarker}\", node()])."]);
            return args;
        }

        List<string> elixir = [options.NameMode == BeamNameMode.Short ? "--sname" : "--name", NameArgument(options), "--cookie", options.Cookie, "--erl", string.Join(' ', erl), "--no-halt"];
        if (options.Eval is { } code)
        {
            elixir.AddRange(["-e", code]);
        }

        elixir.AddRange(["-e", $"IO.puts(\"{ReadyMarker} #{{node()}}\")"]);
        return elixir;
    }

    private static string NameArgument(BeamNodeOptions options) =>
        options.NameMode == BeamNameMode.Short ? options.Alive : options.Alive + "@127.0.0.1";

    // The chroot sees only what is inside the root: code outside it is copied into the scratch directory.
    private static IEnumerable<string> CodePaths(BeamNodeOptions options, RuntimeDirectory scratch)
    {
        foreach (var path in options.CodePaths)
        {
            if (options.Runtime == BeamRuntime.Otp25Host)
            {
                yield return path;
                continue;
            }

            var root = BeamCommand.RequireOtp27Root();
            var full = Path.GetFullPath(path);
            if (full.StartsWith(root + "/", StringComparison.Ordinal))
            {
                yield return full[root.Length..];
                continue;
            }

            var copy = Path.Combine(scratch.HostPath, "code-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(copy);
            foreach (var file in Directory.EnumerateFiles(full))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            yield return scratch.RuntimePathOf(copy);
        }
    }
}
