using EsdbGater.Erlang.Distribution;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Transport.Tests.Support;

/// <summary>
/// A second hidden node of ours that drives test peers through <c>rex</c> (start emitters,
/// kill processes), so test set-up never goes through the transport under test.
/// </summary>
internal sealed class ControllerNode : IAsyncDisposable
{
    private readonly ErlangNode _node;

    private ControllerNode(ErlangNode node, NodeConnection connection)
    {
        _node = node;
        Connection = connection;
    }

    public NodeConnection Connection { get; }

    public static async Task<ControllerNode> ConnectAsync(string nodeName, string cookie, int epmdPort)
    {
        var host = nodeName[(nodeName.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var node = new ErlangNode(new ErlangNodeOptions
        {
            NodeName = $"ctl_{Guid.NewGuid():N}"[..16] + "@" + host,
            Cookie = cookie,
            EpmdPort = epmdPort,
        });
        try
        {
            return new ControllerNode(node, await node.ConnectAsync(nodeName));
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    public Task<ErlangTerm> RpcAsync(string module, string function, params ErlangTerm[] args) =>
        Connection.RpcAsync(module, function, args, TimeSpan.FromSeconds(10));

    public ValueTask DisposeAsync() => _node.DisposeAsync();
}
