using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Discovery;
using EsdbGater.Plugins.Transport;

namespace EsdbGater.Transport.Tests.Support;

/// <summary>
/// The transport under test connected to one test node, plus a controller node for set-up
/// through <c>rex</c>; disposal closes them in order.
/// </summary>
internal sealed class ConnectedTransport : IAsyncDisposable
{
    private ConnectedTransport(INodeTransport transport, IExesdbNode exesdb, ControllerNode controller, RecordingLoggerFactory logs)
    {
        Transport = transport;
        Exesdb = exesdb;
        Controller = controller;
        Logs = logs;
    }

    public INodeTransport Transport { get; }

    public IExesdbNode Exesdb { get; }

    public ControllerNode Controller { get; }

    public RecordingLoggerFactory Logs { get; }

    public static async Task<ConnectedTransport> ConnectAsync(string nodeName, string host, int epmdPort, string cookie)
    {
        var logs = new RecordingLoggerFactory();
        var transport = TransportFactory.Create(epmdPort, host, cookie, logs);
        IExesdbNode? exesdb = null;
        try
        {
            exesdb = await transport.ConnectAsync(new DiscoveredNode(nodeName), CancellationToken.None);
            var controller = await ControllerNode.ConnectAsync(nodeName, cookie, epmdPort);
            return new ConnectedTransport(transport, exesdb, controller, logs);
        }
        catch
        {
            if (exesdb is not null)
            {
                await exesdb.DisposeAsync();
            }

            await transport.DisposeAsync();
            throw;
        }
    }

    public Task<ErlangTerm> RpcAsync(string module, string function, params ErlangTerm[] args) => Controller.RpcAsync(module, function, args);

    public async ValueTask DisposeAsync()
    {
        await Exesdb.DisposeAsync();
        await Transport.DisposeAsync();
        await Controller.DisposeAsync();
    }
}
