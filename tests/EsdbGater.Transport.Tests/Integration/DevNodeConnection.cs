using EsdbGater.Plugins.Discovery;
using EsdbGater.Plugins.Transport;
using EsdbGater.TestKit;
using EsdbGater.Transport.Tests.Support;

namespace EsdbGater.Transport.Tests.Integration;

/// <summary>An ExESDB development node with store reg_gh, and the transport connected to it.</summary>
public abstract class DevNodeConnection(BeamRuntime runtime, string emitterMode) : IAsyncLifetime
{
    public const string Store = "reg_gh";

    private DevNodeLauncher? _node;

    public BeamRuntime Runtime => runtime;

    public string NodeName => _node!.NodeName;

    public INodeTransport Transport { get; private set; } = null!;

    public IExesdbNode Exesdb { get; private set; } = null!;

    /// <summary>A gateway worker of <see cref="Store"/> (the first one listed).</summary>
    public GatewayWorkerRef Worker { get; private set; } = null!;

    internal RecordingLoggerFactory Logs { get; } = new();

    public async Task InitializeAsync()
    {
        _node = await DevNodeLauncher.StartAsync(runtime, emitterMode);
        Transport = TransportFactory.Create(_node.EpmdPort, _node.Host, _node.Cookie, Logs);
        Exesdb = await Transport.ConnectAsync(new DiscoveredNode(_node.NodeName), CancellationToken.None);
        var workers = await Exesdb.ListGatewayWorkersAsync([Store], TimeSpan.FromSeconds(5), CancellationToken.None);
        Worker = workers.FirstOrDefault(w => w.Store == Store)
            ?? throw new InvalidOperationException($"No gateway worker of {Store} on {_node.NodeName}. Node output:\n{_node.Output}");
    }

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

        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}

public sealed class Otp25DevNode() : DevNodeConnection(BeamRuntime.Otp25Host, "started");

public sealed class Otp27DevNode() : DevNodeConnection(BeamRuntime.Otp27Chroot, "started");

public sealed class Otp25DevNodeWithoutEmitters() : DevNodeConnection(BeamRuntime.Otp25Host, "exesdb_0_11");

public sealed class Otp27DevNodeWithoutEmitters() : DevNodeConnection(BeamRuntime.Otp27Chroot, "exesdb_0_11");
