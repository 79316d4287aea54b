using EsdbGater.Plugins;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tcp.Configuration;

namespace EsdbGater.Transport.Tcp;

/// <summary>
/// The <c>tcp</c> transport: Erlang distribution over TCP (optionally TLS) as a hidden node,
/// speaking ExESDB's gateway-worker protocol. Settings: <c>Cluster:Cookie</c>,
/// <c>Transport:Tcp</c> (EpmdPort, NodeHost, NodeNamePrefix, TickInterval, HandshakeTimeout,
/// PeerTimeout, MaxPacketSize, MailboxCapacity, FeedCapacity, FeedJoinTimeout, Tls:CaFile/CertFile/KeyFile)
/// and <c>Gateway:PubSub</c>.
/// </summary>
public sealed class TcpTransportPlugin : ITransportPlugin
{
    public string Name => "tcp";

    /// <exception cref="PluginConfigurationException">The cookie is missing or a setting is invalid.</exception>
    public INodeTransport Create(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (options, cookie) = TcpTransportConfiguration.Read(context.Configuration);
        return new TcpTransport(options, cookie, context.LoggerFactory, context.TimeProvider);
    }
}
