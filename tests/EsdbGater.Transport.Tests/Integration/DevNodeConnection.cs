using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.TestKit;
using EsdbGater.TestKit.ExesdbDev;
using EsdbGater.Transport.Tests.Support;

namespace EsdbGater.Transport.Tests.Integration;

/// <summary>An ExESDB development node with store reg_gh, and the transport connected to it.</summary>
public abstract class DevNodeConnection(BeamRuntime runtime, DevEmitterMode emitterMode) : IAsyncLifetime
{
    public const string Store = "reg_gh";

    private DevCluster? _cluster;
    private ConnectedTransport? _connected;

    public BeamRuntime Runtime => runtime;

    public string NodeName => _cluster![0].NodeName;

    public IExesdbNode Exesdb => _connected!.Exesdb;

    /// <summary>A gateway worker of <see cref="Store"/> (the first one listed).</summary>
    public GatewayWorkerRef Worker { get; private set; } = null!;

    internal RecordingLoggerFactory Logs => _connected!.Logs;

    public async Task InitializeAsync()
    {
        _cluster = await DevCluster.StartAsync(new DevClusterOptions
        {
            Runtime = runtime,
            EmitterMode = emitterMode,
            Storage = DevStorage.Ram,
            Stores = [Store],
        });
        var node = _cluster[0];
        _connected = await ConnectedTransport.ConnectAsync(node.NodeName, node.Host, _cluster.EpmdPort, _cluster.Cookie);
        await RefreshWorkerAsync();
    }

    /// <summary>Lists the workers again (after one was killed, say) and picks the first of <see cref="Store"/>.</summary>
    public async Task RefreshWorkerAsync()
    {
        var workers = await Exesdb.ListGatewayWorkersAsync([Store], TimeSpan.FromSeconds(5), CancellationToken.None);
        Worker = workers.FirstOrDefault(w => w.Store == Store)
            ?? throw new InvalidOperationException($"No gateway worker of {Store} on {NodeName}. Node output:\n{_cluster!.DescribeLogs()}");
    }

    /// <summary>Runs a function on the node through the controller node.</summary>
    internal Task<ErlangTerm> RpcAsync(string module, string function, params ErlangTerm[] args) => _connected!.RpcAsync(module, function, args);

    public async Task DisposeAsync()
    {
        if (_connected is not null)
        {
            await _connected.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

public sealed class Otp25DevNode() : DevNodeConnection(BeamRuntime.Otp25Host, DevEmitterMode.Started);

public sealed class Otp27DevNode() : DevNodeConnection(BeamRuntime.Otp27Chroot, DevEmitterMode.Started);

public sealed class Otp25DevNodeWithoutEmitters() : DevNodeConnection(BeamRuntime.Otp25Host, DevEmitterMode.Exesdb011);

public sealed class Otp27DevNodeWithoutEmitters() : DevNodeConnection(BeamRuntime.Otp27Chroot, DevEmitterMode.Exesdb011);
