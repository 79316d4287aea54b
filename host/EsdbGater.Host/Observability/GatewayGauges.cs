using System.Diagnostics.Metrics;
using EsdbGater.Host.Cluster;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Subscriptions.Engine;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Observability;

/// <summary>
/// The gateway's observable instruments, read when a reader collects (a Prometheus scrape, an OTLP
/// export), never on the request path: nodes by link state, connected nodes and workers per store
/// (from the cluster monitor's snapshot), and the lag of each subscription this replica delivers.
/// </summary>
internal sealed class GatewayGauges
{
    /// <summary>Known nodes, by <see cref="GatewayTelemetry.NodeStateTag"/>.</summary>
    public const string ClusterNodes = "esdbgater.cluster.nodes";

    /// <summary>Connected nodes that run a gateway worker of the store, by <see cref="GatewayTelemetry.StoreTag"/>.</summary>
    public const string StoreNodes = "esdbgater.store.nodes";

    /// <summary>Gateway workers of the store on connected nodes, by <see cref="GatewayTelemetry.StoreTag"/>.</summary>
    public const string StoreWorkers = "esdbgater.store.workers";

    /// <summary>Events known to exist but not yet delivered and settled, per subscription this replica delivers.</summary>
    public const string SubscriptionLag = "esdbgater.subscription.lag";

    private static readonly NodeLinkState[] LinkStates = Enum.GetValues<NodeLinkState>();

    private readonly IClusterView _view;
    private readonly IOptions<GatewayOptions> _gateway;
    private readonly RunningSubscriptions _subscriptions;

    public GatewayGauges(IMeterFactory meters, IClusterView view, IOptions<GatewayOptions> gateway, RunningSubscriptions subscriptions)
    {
        _view = view;
        _gateway = gateway;
        _subscriptions = subscriptions;
        var meter = meters.Create(GatewayTelemetry.Name);
        meter.CreateObservableUpDownCounter(ClusterNodes, ObserveNodes, "{node}", "Nodes the gateway knows, by link state.");
        meter.CreateObservableUpDownCounter(StoreNodes, () => ObserveStores(countWorkers: false), "{node}", "Connected nodes that run a gateway worker of the store.");
        meter.CreateObservableUpDownCounter(StoreWorkers, () => ObserveStores(countWorkers: true), "{worker}", "Gateway workers of the store on connected nodes.");
        meter.CreateObservableGauge(SubscriptionLag, ObserveLag, "{event}", "Events not yet delivered and settled, per subscription this replica delivers.");
    }

    private IEnumerable<Measurement<long>> ObserveNodes()
    {
        var nodes = _view.Current.Nodes.Values;
        foreach (var state in LinkStates)
        {
            yield return new(nodes.Count(n => n.State == state), new KeyValuePair<string, object?>(GatewayTelemetry.NodeStateTag, SnakeCaseNames<NodeLinkState>.Of(state)));
        }
    }

    /// <summary>Every configured store and every store a node lists, so that a store that lost its last worker reads 0 instead of vanishing.</summary>
    private IEnumerable<Measurement<long>> ObserveStores(bool countWorkers)
    {
        var snapshot = _view.Current;
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var store in _gateway.Value.Stores.Concat(snapshot.Nodes.Values.SelectMany(n => n.Workers).Select(w => w.Store)))
        {
            counts[store] = 0;
        }

        foreach (var node in snapshot.Nodes.Values.Where(n => n.IsHealthy))
        {
            foreach (var store in node.Workers.GroupBy(w => w.Store, StringComparer.Ordinal))
            {
                counts[store.Key] += countWorkers ? store.Count() : 1;
            }
        }

        return counts.Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>(GatewayTelemetry.StoreTag, c.Key)));
    }

    private IEnumerable<Measurement<long>> ObserveLag()
    {
        foreach (var runner in _subscriptions.Current)
        {
            if (runner.Snapshot.Status.Lag is { } lag)
            {
                yield return new(
                    lag,
                    new(GatewayTelemetry.StoreTag, runner.Definition.Store),
                    new(GatewayTelemetry.SubscriptionTag, runner.Definition.Name));
            }
        }
    }
}
