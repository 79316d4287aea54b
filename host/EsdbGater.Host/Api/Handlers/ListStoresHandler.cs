using EsdbGater.Contracts;
using EsdbGater.Host.Operations;

namespace EsdbGater.Host.Api.Handlers;

/// <summary><see cref="ListStores"/> → <see cref="StoresListed"/> | <see cref="GatewayError"/>; asks any worker of any store, so there is nothing to check.</summary>
internal sealed class ListStoresHandler(ReadExecutor reads) : IGatewayHandler<ListStores>
{
    public static string QueueName => GatewayEndpoints.ListStores;

    public GatewayError? Validate(ListStores request) => null;

    public async Task<object> HandleAsync(ListStores request, RequestBudget budget, CancellationToken cancellationToken)
    {
        var stores = await reads.ExecuteAsync(
            store: null,
            budget,
            (node, worker, timeout, ct) => node.ListStoresAsync(worker, timeout, ct),
            cancellationToken).ConfigureAwait(false);
        return new StoresListed([.. stores.OrderBy(s => s.StoreId, StringComparer.Ordinal).ThenBy(s => s.Node, StringComparer.Ordinal)]);
    }
}
