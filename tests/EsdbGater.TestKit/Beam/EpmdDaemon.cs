using System.Net;
using System.Net.Sockets;
using EsdbGater.TestKit.Processes;

namespace EsdbGater.TestKit.Beam;

/// <summary>
/// A private EPMD on 127.0.0.1 and a port of its own, run in the foreground as our child so it
/// is stopped by its PID. Nodes that must reach each other share one. EPMD never reads its input
/// and never exits by itself, so when the test process dies outright, the
/// <see cref="ManagedProcess"/> watcher kills it.
/// </summary>
public sealed class EpmdDaemon : IAsyncDisposable
{
    private readonly ManagedProcess _process;

    private EpmdDaemon(ManagedProcess process, int port, BeamRuntime runtime)
    {
        _process = process;
        Port = port;
        Runtime = runtime;
    }

    public int Port { get; }

    public BeamRuntime Runtime { get; }

    public int ProcessId => _process.ProcessId;

    public OutputLog Output => _process.Output;

    public static async Task<EpmdDaemon> StartAsync(BeamRuntime runtime = BeamRuntime.Otp25Host, CancellationToken cancellationToken = default)
    {
        var port = LocalPorts.Next();
        var start = BeamCommand.Create(runtime, "epmd", ["-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-address", "127.0.0.1"]);
        start.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        start.Environment["ERL_EPMD_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = ManagedProcess.Start(start, $"epmd on 127.0.0.1:{port}");
        var daemon = new EpmdDaemon(process, port, runtime);
        try
        {
            await daemon.WaitUntilListeningAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            return daemon;
        }
        catch
        {
            await daemon.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>The daemon's process, for tests of the test kit.</summary>
    internal ManagedProcess ManagedProcess => _process;

    // EPMD prints nothing when ready, so poll its port until it accepts, with a deadline.
    private async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"epmd on port {Port} exited at once:\n{_process.Output}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port, deadline.Token).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"epmd on port {Port} did not listen within {timeout.TotalSeconds} s:\n{_process.Output}");
            }
        }
    }
}
