using System.Net;
using System.Net.Sockets;
using EsdbGater.Discovery.Gossip.Configuration;
using EsdbGater.Discovery.Gossip.Diagnostics;
using EsdbGater.Discovery.Gossip.Heartbeats;
using EsdbGater.Discovery.Gossip.Listening;
using EsdbGater.Discovery.Gossip.Membership;
using EsdbGater.Discovery.Gossip.Resolution;
using EsdbGater.Plugins;
using EsdbGater.Plugins.Discovery;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Discovery.Gossip;

/// <summary>
/// Finds ExESDB nodes by listening to their libcluster gossip heartbeats. It only listens: it
/// never sends a heartbeat, because every libcluster node would then try to connect back to a
/// gateway that accepts no connections.
/// </summary>
public sealed class GossipDiscovery : INodeDiscovery
{
    /// <summary>The design's source context for discovery logs.</summary>
    public const string LogCategory = "Discovery";

    private readonly GossipOptions _options;
    private readonly bool _secretConfigured;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HeartbeatReader _reader;
    private readonly DiscoverySnapshotPublisher _publisher = new();
    private readonly HostResolutionCache _hosts;
    private readonly NodeTable _table;
    private readonly IgnoredDatagramLog _ignoredLog;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lifecycle = new();
    private Socket? _socket;
    private Task _receiving = Task.CompletedTask;
    private ITimer? _housekeeping;
    private bool _started;
    private bool _disposed;

    /// <summary>Creates the discovery; nothing is opened before <see cref="StartAsync"/>.</summary>
    /// <param name="options">Validated settings (see <see cref="GossipConfiguration.ReadOptions"/>).</param>
    /// <param name="secret">The cluster secret, or <c>null</c> for plaintext heartbeats. Never logged.</param>
    /// <param name="loggerFactory">Loggers; everything logs under <see cref="LogCategory"/>.</param>
    /// <param name="time">Clock for expiry, back-off and log rate limits.</param>
    public GossipDiscovery(GossipOptions options, string? secret, ILoggerFactory loggerFactory, TimeProvider time)
        : this(options, secret, loggerFactory, time, DnsHostResolver.ResolvesAsync)
    {
    }

    internal GossipDiscovery(GossipOptions options, string? secret, ILoggerFactory loggerFactory, TimeProvider time, HostResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _secretConfigured = secret is not null;
        _time = time;
        _logger = loggerFactory.CreateLogger(LogCategory);
        _reader = new HeartbeatReader(secret);
        _ignoredLog = new IgnoredDatagramLog(Statistics, _logger, time, _secretConfigured);

        // The table asks the cache while holding its lock; the cache answers later on a pool
        // thread, which then waits for that lock. So the order is always table, then cache.
        _hosts = new HostResolutionCache(resolver, time, options.MaxNodes, OnHostResolved);
        _table = new NodeTable(
            options.ExpireAfter,
            options.MaxNodes,
            new ExponentialBackoff(options.ConnectBackoffInitial, options.ConnectBackoffMax),
            time,
            _hosts.Check,
            _publisher,
            _logger);
    }

    /// <summary>Counts of accepted heartbeats and ignored datagrams by reason.</summary>
    public GossipStatistics Statistics { get; } = new();

    /// <summary>Where the socket listens, once started (useful with port 0).</summary>
    public IPEndPoint? LocalEndPoint => _socket?.LocalEndPoint as IPEndPoint;

    /// <inheritdoc />
    public DiscoverySnapshot Current => _publisher.Current;

    /// <summary>Opens the socket, joins the group and starts listening. Socket problems throw <see cref="Plugins.PluginConfigurationException"/>.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_lifecycle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                throw new InvalidOperationException("Gossip discovery is already started.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            _socket = GossipSocket.Open(_options, _logger);
            _started = true;
            _receiving = Task.Run(() => DatagramReceiveLoop.RunAsync(_socket, Receive, OnFault, _time, _stopping.Token), CancellationToken.None);
            var period = TimeSpan.FromTicks(Math.Clamp(_options.ExpireAfter.Ticks / 4, TimeSpan.TicksPerMillisecond * 100, TimeSpan.TicksPerSecond * 5));
            _housekeeping = _time.CreateTimer(static s => ((GossipDiscovery)s!).Housekeep(), this, period, period);
        }

        _logger.LogInformation(
            "Gossip discovery listening on udp {Endpoint}, {Mode}, {SecretState}",
            LocalEndPoint,
            DescribeMode(),
            _secretConfigured ? "decrypting with the cluster secret" : "no cluster secret (plaintext heartbeats)");
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<DiscoverySnapshot> WatchAsync(CancellationToken cancellationToken) => _publisher.WatchAsync(cancellationToken);

    /// <inheritdoc />
    public void ReportConnectionState(string nodeName, NodeConnectionState state)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        _table.Report(nodeName, state);
    }

    public async ValueTask DisposeAsync()
    {
        lock (_lifecycle)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _stopping.Cancel();
        _socket?.Dispose();
        await _receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_housekeeping is not null)
        {
            await _housekeeping.DisposeAsync().ConfigureAwait(false);
        }

        _publisher.Complete();
        _hosts.Dispose();
        _reader.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Handles one datagram; the receive loop's only caller (the reader is single-threaded).</summary>
    internal void Receive(ReadOnlySpan<byte> datagram, IPAddress source)
    {
        if (!_reader.TryRead(datagram, out var nodeName, out var reason))
        {
            Ignore(reason);
            return;
        }

        if (string.Equals(nodeName, _options.OwnNodeName, StringComparison.Ordinal))
        {
            Ignore(IgnoreReason.OwnNode);
            return;
        }

        if (_table.Heard(nodeName, source) == HeardOutcome.TableFull)
        {
            Ignore(IgnoreReason.TableFull);
            return;
        }

        Statistics.CountAccepted();
    }

    /// <summary>Expires quiet nodes and writes a pending ignored-datagram summary.</summary>
    internal void Housekeep()
    {
        // A timer callback that throws takes the process down; nothing here may.
        try
        {
            _table.ExpireQuiet();
            _ignoredLog.LogIfDue();
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Gossip housekeeping failed; it runs again shortly");
        }
    }

    private void OnHostResolved(string host, bool resolves) => _table.HostResolved(host, resolves);

    private void Ignore(IgnoreReason reason)
    {
        Statistics.CountIgnored(reason);
        _ignoredLog.LogIfDue();
    }

    private void OnFault(Exception fault)
    {
        _ignoredLog.RecordFault(fault);
        Ignore(IgnoreReason.HandlerFault);
    }

    private string DescribeMode()
    {
        if (_options.BroadcastOnly)
        {
            return "accepting broadcast heartbeats";
        }

        return GossipSocket.IsMulticast(_options.MulticastAddress)
            ? $"multicast group {_options.MulticastAddress} on interface {_options.MulticastInterface?.ToString() ?? "(kernel's choice)"}"
            : "unicast and broadcast heartbeats";
    }
}
