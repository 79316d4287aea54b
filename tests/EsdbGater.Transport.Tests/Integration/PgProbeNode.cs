using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.TestKit;
using EsdbGater.TestKit.Beam;
using EsdbGater.Transport.Tests.Support;

namespace EsdbGater.Transport.Tests.Integration;

/// <summary>
/// A real BEAM node running OTP's <c>pg</c> scope <c>'Elixir.Phoenix.PubSub'</c> (module
/// pg_probe), the transport connected to it, and a separate controller node that drives the
/// probe through <c>rex</c> (so the test never goes through the code under test to set up).
/// </summary>
public abstract class PgProbeNode(BeamRuntime runtime) : IAsyncLifetime
{
    private RuntimeDirectory? _ebin;
    private ConnectedTransport? _connected;

    public BeamRuntime Runtime => runtime;

    public BeamNode Node { get; private set; } = null!;

    public IExesdbNode Exesdb => _connected!.Exesdb;

    internal RecordingLoggerFactory Logs => _connected!.Logs;

    public async Task InitializeAsync()
    {
        _ebin = await ErlangCompiler.CompileAsync(runtime, [Path.Combine(AppContext.BaseDirectory, "Erlang", "pg_probe.erl")]);
        Node = await BeamNode.StartAsync(new BeamNodeOptions
        {
            Runtime = runtime,
            NameMode = BeamNameMode.Short,
            CodePaths = [_ebin.HostPath],
            Eval = "ok = pg_probe:start().",
        });
        _connected = await ConnectTransportAsync();
    }

    /// <summary>A transport of ours connected to the node, with its controller; the caller disposes it.</summary>
    internal Task<ConnectedTransport> ConnectTransportAsync() => ConnectedTransport.ConnectAsync(Node.NodeName, Node.Host, Node.EpmdPort, Node.Cookie);

    /// <summary>The controller node (its own connection exercises <c>RemoteCalls</c> directly).</summary>
    internal ControllerNode Control => _connected!.Controller;

    internal EsdbGater.Erlang.Distribution.NodeConnection ControlConnection => Control.Connection;

    public Task<ErlangTerm> ProbeAsync(string function, params ErlangTerm[] args) => _connected!.RpcAsync("pg_probe", function, args);

    public async Task DisposeAsync()
    {
        if (_connected is not null)
        {
            await _connected.DisposeAsync();
        }

        if (Node is not null)
        {
            await Node.DisposeAsync();
        }

        _ebin?.Dispose();
    }
}

public sealed class Otp25PgProbeNode() : PgProbeNode(BeamRuntime.Otp25Host);

public sealed class Otp27PgProbeNode() : PgProbeNode(BeamRuntime.Otp27Chroot);
