using EsdbGater.Plugins.Discovery;

namespace EsdbGater.Plugins.Transport;

/// <summary>Opens connections to ExESDB nodes.</summary>
public interface INodeTransport : IAsyncDisposable
{
    /// <summary>This gateway's own node name on the wire (unique per process).</summary>
    string LocalNodeName { get; }

    /// <summary>
    /// Connects to <paramref name="node"/>. Fails with <see cref="NodeConnectException"/> whose
    /// <see cref="NodeConnectException.Failure"/> says why (wrong cookie, not in EPMD, ...).
    /// </summary>
    Task<IExesdbNode> ConnectAsync(DiscoveredNode node, CancellationToken cancellationToken);
}
