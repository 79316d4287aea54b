using EsdbGater.Erlang.Distribution;
using EsdbGater.Plugins.Discovery;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tcp.Configuration;
using EsdbGater.Transport.Tcp.PubSub;
using EsdbGater.Transport.Tcp.Workers;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Transport.Tcp;

/// <summary>
/// One hidden Erlang node (a unique name per transport) and its connections to ExESDB nodes.
/// The pg scope for event feeds is created on first use and shared by every connected node.
/// </summary>
internal sealed class TcpTransport : INodeTransport
{
    private readonly ErlangNode _node;
    private readonly TcpTransportOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Lazy<PgScope> _pgScope;
    private readonly WorkerIds _workerIds = new();

    public TcpTransport(TcpTransportOptions options, string cookie, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger("Transport");
        LocalNodeName = TcpTransportConfiguration.UniqueNodeName(options);
        _node = new ErlangNode(
            new ErlangNodeOptions
            {
                NodeName = LocalNodeName,
                Cookie = cookie,
                EpmdPort = options.EpmdPort,
                HandshakeTimeout = options.HandshakeTimeout,
                TickInterval = options.TickInterval,
                PeerTimeout = options.PeerTimeout,
                MaxPacketSize = options.MaxPacketSize,
                MailboxCapacity = options.MailboxCapacity,
                Tls = options.Tls,
            },
            loggerFactory,
            timeProvider);
        _pgScope = new Lazy<PgScope>(
            () => new PgScope(_node, PubSubGroup.ForPubSub(options.PubSubName), new PgScope.FeedSettings(options.FeedCapacity, options.FeedJoinTimeout), _logger, timeProvider),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _logger.LogInformation("Transport tcp started as hidden node {NodeName} (EPMD port {EpmdPort}, TLS {Tls})", LocalNodeName, options.EpmdPort, options.Tls is not null);
    }

    public string LocalNodeName { get; }

    public async Task<IExesdbNode> ConnectAsync(DiscoveredNode node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        try
        {
            var connection = await _node.ConnectAsync(node.NodeName, node.EpmdHost, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Connected to {Node}", node.NodeName);
            return new ExesdbNode(connection, () => _pgScope.Value, _workerIds, _logger, _timeProvider);
        }
        catch (DistributionConnectException e)
        {
            _logger.LogWarning("Connecting to {Node} failed: {Failure}", node.NodeName, e.Failure);
            throw new NodeConnectException(ConnectFailureMapping.From(e.Failure), node.NodeName, e.Message, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_pgScope.IsValueCreated)
        {
            await _pgScope.Value.DisposeAsync().ConfigureAwait(false);
        }

        await _node.DisposeAsync().ConfigureAwait(false);
    }
}
