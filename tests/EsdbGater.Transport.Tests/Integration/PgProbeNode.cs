using EsdbGater.Erlang.Distribution;
using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Discovery;
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
    private ErlangNode? _controller;

    public BeamRuntime Runtime => runtime;

    public BeamNode Node { get; private set; } = null!;

    public INodeTransport Transport { get; private set; } = null!;

    public IExesdbNode Exesdb { get; private set; } = null!;

    public NodeConnection Control { get; private set; } = null!;

    internal RecordingLoggerFactory Logs { get; } = new();

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
        Transport = TransportFactory.Create(Node.EpmdPort, Node.Host, Node.Cookie, Logs);
        Exesdb = await Transport.ConnectAsync(new DiscoveredNode(Node.NodeName), CancellationToken.None);
        _controller = new ErlangNode(new ErlangNodeOptions
        {
            NodeName = $"probe_ctl_{Guid.NewGuid():N}"[..20] + "@" + Node.Host,
            Cookie = Node.Cookie,
            EpmdPort = Node.EpmdPort,
        });
        Control = await _controller.ConnectAsync(Node.NodeName);
    }

    public Task<ErlangTerm> ProbeAsync(string function, params ErlangTerm[] args) =>
        Control.RpcAsync("pg_probe", function, args, TimeSpan.FromSeconds(10));

    public async Task DisposeAsync()
    {
        if (Exesdb is not null)
        {
            await Exesdb.DisposeAsync();
        }

        if (Transport is not null)
        {
            await Transport.DisposeAsync();
        }

        if (_controller is not null)
        {
            await _controller.DisposeAsync();
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
