using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using EsdbGater.TestKit.Beam;
using EsdbGater.TestKit.Processes;

namespace EsdbGater.TestKit.RabbitMq;

/// <summary>
/// Debian's <c>rabbitmq-server</c> started as a child process on isolated loopback ports, with its own EPMD,
/// node name, cookie, credentials and state directory, so it never meets the system's broker or another test run.
/// Disposal stops the broker and its EPMD by PID and deletes the state directory.
/// </summary>
public sealed class LocalRabbitMqBroker : IRabbitMqBroker
{
    /// <summary>
    /// The start script under Debian's <c>/usr/sbin/rabbitmq-server</c>; that wrapper would switch to the
    /// <c>rabbitmq</c> user and the system's directories, this one runs as the caller with our environment.
    /// </summary>
    public const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly ManagedProcess broker;
    private readonly EpmdDaemon epmd;
    private readonly LocalRabbitMqStateDirectory state;
    private int disposed;

    private LocalRabbitMqBroker(RabbitMqEndpoint endpoint, ManagedProcess broker, EpmdDaemon epmd, LocalRabbitMqStateDirectory state)
    {
        Endpoint = endpoint;
        this.broker = broker;
        this.epmd = epmd;
        this.state = state;
    }

    /// <summary>True when Debian's rabbitmq-server package is installed.</summary>
    public static bool IsInstalled => File.Exists(ServerScript);

    /// <inheritdoc />
    public RabbitMqEndpoint Endpoint { get; }

    /// <summary>The PID of the broker's BEAM (the start script execs into it).</summary>
    public int BrokerProcessId => broker.ProcessId;

    /// <summary>The PID of the broker's own EPMD.</summary>
    public int EpmdProcessId => epmd.ProcessId;

    /// <summary>What the broker printed (warnings and errors; its full log is in the state directory while it runs).</summary>
    public OutputLog Output => broker.Output;

    /// <summary>The broker's private directory (deleted on disposal).</summary>
    public string StateDirectory => state.Path;

    /// <inheritdoc />
    public string Description => $"local rabbitmq-server (pid {BrokerProcessId}, epmd pid {EpmdProcessId}) at {Endpoint}";

    /// <summary>Starts a broker and returns once it accepts an AMQP login.</summary>
    /// <exception cref="InvalidOperationException">
    /// rabbitmq-server is not installed, exited during start, or did not accept a login within <paramref name="timeout"/>;
    /// the message ends with what the broker printed.
    /// </exception>
    public static async Task<LocalRabbitMqBroker> StartAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"{ServerScript} not found: install Debian's rabbitmq-server (scripts/setup.sh does), set RABBITMQ_URL, or provide a Docker engine.");
        }

        var endpoint = new RabbitMqEndpoint("127.0.0.1", LocalPorts.Next(), "/", "esdbgater-test", RandomNumberGenerator.GetHexString(32, lowercase: true));
        var state = LocalRabbitMqStateDirectory.Create(endpoint);
        EpmdDaemon? epmd = null;
        ManagedProcess? broker = null;
        try
        {
            epmd = await EpmdDaemon.StartAsync(BeamRuntime.Otp25Host, cancellationToken).ConfigureAwait(false);
            broker = ManagedProcess.Start(StartInfo(endpoint, epmd.Port, state), $"rabbitmq-server on 127.0.0.1:{endpoint.Port}");
            var started = broker;
            await AmqpReadiness.WaitAsync(endpoint, timeout, () => started.HasExited, cancellationToken).ConfigureAwait(false);
            return new LocalRabbitMqBroker(endpoint, broker, epmd, state);
        }
        catch (Exception e)
        {
            var output = broker?.Output.ToString();
            if (broker is not null)
            {
                await broker.KillAsync().ConfigureAwait(false);
                await broker.DisposeAsync().ConfigureAwait(false);
            }

            if (epmd is not null)
            {
                await epmd.DisposeAsync().ConfigureAwait(false);
            }

            state.Delete();
            if (e is OperationCanceledException)
            {
                throw;
            }

            throw new InvalidOperationException($"Local rabbitmq-server did not start: {e.Message}{Environment.NewLine}{output}", e);
        }
    }

    /// <summary>The broker's process, for tests of the test kit.</summary>
    internal ManagedProcess BrokerProcess => broker;

    /// <summary>The broker's EPMD process, for tests of the test kit.</summary>
    internal ManagedProcess EpmdProcess => epmd.ManagedProcess;

    /// <summary>Stops the broker (SIGTERM, then SIGKILL after a grace period) and its EPMD, and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await broker.StopAsync(StopGrace).ConfigureAwait(false);
        await broker.DisposeAsync().ConfigureAwait(false);
        await epmd.DisposeAsync().ConfigureAwait(false);
        state.Delete();
    }

    private static ProcessStartInfo StartInfo(RabbitMqEndpoint endpoint, int epmdPort, LocalRabbitMqStateDirectory state)
    {
        var start = new ProcessStartInfo(ServerScript)
        {
            UseShellExecute = false,
            // The lifeline (see RABBITMQ_ALLOW_INPUT below): a pipe the test process holds open until it ends.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = state.Path,
        };

        // Inherited RABBITMQ_* and ERL_* settings (ERL_LIBS, ERL_FLAGS, another test's EPMD port) would change the node.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("RABBITMQ_", StringComparison.Ordinal) || k.StartsWith("ERL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in state.Environment)
        {
            start.Environment[name] = value;
        }

        var invariant = (int number) => number.ToString(CultureInfo.InvariantCulture);
        start.Environment["ERL_EPMD_PORT"] = invariant(epmdPort);
        start.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        start.Environment["RABBITMQ_NODENAME"] = $"rabbit-{Guid.NewGuid():N}@localhost";
        start.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        start.Environment["RABBITMQ_NODE_PORT"] = invariant(endpoint.Port);
        start.Environment["RABBITMQ_DIST_PORT"] = invariant(LocalPorts.Next());
        // Makes the script exec the VM instead of keeping a shell in front of it, so the PID we hold is the broker's,
        // and keeps the Erlang shell on stdin: when the test process dies without disposing (even a native crash),
        // the stdin pipe closes and the VM halts on end of input instead of outliving the test run.
        start.Environment["RABBITMQ_ALLOW_INPUT"] = "1";
        // Distribution only on loopback.
        start.Environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
        // Unbound schedulers: the test machine is shared with other BEAM nodes.
        start.Environment["RABBITMQ_SCHEDULER_BIND_TYPE"] = "u";
        return start;
    }
}
