using EsdbGater.Host.Cluster;
using EsdbGater.Host.Configuration;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Pool;

/// <summary>
/// Configured stores (<c>Gateway:Stores</c>) plus stores with workers on a connected node. A
/// configured store without workers is known (its requests wait, then get NoWorkers); a store
/// neither configured nor seen gets StoreNotFound and never reaches a node.
/// </summary>
internal sealed class KnownStores(IOptions<GatewayOptions> options, IClusterView view) : IKnownStores
{
    public bool IsKnown(string store) =>
        options.Value.Stores.Contains(store, StringComparer.Ordinal)
        || view.Current.ServedStores.Contains(store, StringComparer.Ordinal);

    public IReadOnlyList<string> All =>
        [.. options.Value.Stores.Concat(view.Current.ServedStores).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
