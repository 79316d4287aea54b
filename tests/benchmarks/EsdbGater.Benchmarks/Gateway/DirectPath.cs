using System.Globalization;
using EsdbGater.Contracts;
using EsdbGater.Plugins;
using EsdbGater.Plugins.Discovery;
using EsdbGater.Plugins.Transport;
using EsdbGater.TestKit.ExesdbDev;
using EsdbGater.Transport.Tcp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace EsdbGater.Benchmarks.Gateway;

/// <summary>
/// The store without the gateway: the tcp transport plugin in the benchmark process, connected to
/// every node of the cluster, calling the gateway workers itself. It follows the gateway's
/// routing rules in their simplest form (appends of a stream always on one node, reads spread
/// over the nodes), so the gap to <see cref="GatewayPath"/> is the bus and the host, not routing.
/// </summary>
public sealed class DirectPath : IStorePath, IAsyncDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private readonly INodeTransport _transport;
    private readonly IReadOnlyList<NodeWorker> _workers;
    private int _nextRead;

    private DirectPath(INodeTransport transport, IReadOnlyList<NodeWorker> workers)
    {
        _transport = transport;
        _workers = workers;
    }

    public string Name => "direct";

    /// <summary>Creates the transport through its plugin, as the host does, and connects to every node of <paramref name="cluster"/>.</summary>
    public static async Task<DirectPath> ConnectAsync(DevCluster cluster, string store, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [GaterConfigurationKeys.Cookie] = cluster.Cookie,
            [$"{GaterConfigurationKeys.TcpSection}:EpmdPort"] = cluster.EpmdPort.ToString(CultureInfo.InvariantCulture),
            [$"{GaterConfigurationKeys.TcpSection}:NodeHost"] = cluster[0].Host,
        }).Build();
        var transport = new TcpTransportPlugin().Create(new PluginContext(configuration, NullLoggerFactory.Instance, TimeProvider.System));
        List<NodeWorker> workers = [];
        try
        {
            foreach (var nodeName in cluster.NodeNames)
            {
                var node = await transport.ConnectAsync(new DiscoveredNode(nodeName), cancellationToken).ConfigureAwait(false);
                workers.Add(new NodeWorker(node, await OwnWorkerAsync(node, store, cancellationToken).ConfigureAwait(false)));
            }

            return new DirectPath(transport, workers);
        }
        catch
        {
            await DisposeAsync(transport, workers).ConfigureAwait(false);
            throw;
        }
    }

    public async Task<long> AppendAsync(string streamId, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
    {
        // One node per stream: ExESDB's writers are per node, two nodes writing one stream overwrite each other.
        var target = _workers[(int)((uint)StringComparer.Ordinal.GetHashCode(streamId) % (uint)_workers.Count)];
        var outcome = await target.Node.AppendEventsAsync(target.Worker, streamId, ExpectedVersion.Any, events, CallTimeout, cancellationToken).ConfigureAwait(false);
        return outcome is AppendSucceeded written ? written.LastEventNumber : throw new InvalidOperationException($"Append refused: {outcome}");
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadAsync(string streamId, long start, int count, CancellationToken cancellationToken)
    {
        var target = NextReader();
        return target.Node.GetEventsAsync(target.Worker, streamId, start, count, ReadDirection.Forward, CallTimeout, cancellationToken);
    }

    public Task<long> VersionAsync(string streamId, CancellationToken cancellationToken)
    {
        var target = NextReader();
        return target.Node.GetVersionAsync(target.Worker, streamId, CallTimeout, cancellationToken);
    }

    public ValueTask DisposeAsync() => DisposeAsync(_transport, _workers);

    private NodeWorker NextReader() => _workers[(int)((uint)Interlocked.Increment(ref _nextRead) % (uint)_workers.Count)];

    // The registry may name workers of every node; a worker is called through its own node's connection.
    private static async Task<GatewayWorkerRef> OwnWorkerAsync(IExesdbNode node, string store, CancellationToken cancellationToken)
    {
        var workers = await node.ListGatewayWorkersAsync([store], CallTimeout, cancellationToken).ConfigureAwait(false);
        return workers.FirstOrDefault(w => w.Store == store && w.NodeName == node.NodeName)
            ?? throw new InvalidOperationException($"{node.NodeName} runs no gateway worker of {store}.");
    }

    private static async ValueTask DisposeAsync(INodeTransport transport, IEnumerable<NodeWorker> workers)
    {
        foreach (var worker in workers)
        {
            await worker.Node.DisposeAsync().ConfigureAwait(false);
        }

        await transport.DisposeAsync().ConfigureAwait(false);
    }

    private sealed record NodeWorker(IExesdbNode Node, GatewayWorkerRef Worker);
}
