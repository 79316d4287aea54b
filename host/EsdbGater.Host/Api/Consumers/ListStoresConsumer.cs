using EsdbGater.Contracts;
using EsdbGater.Host.Logging;
using EsdbGater.Host.Operations;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Api.Consumers;

/// <summary><see cref="ListStores"/> → <see cref="StoresListed"/> | <see cref="GatewayError"/>; asks any worker of any store.</summary>
internal sealed class ListStoresConsumer(ReadExecutor reads, RequestBudgetFactory budgets, ILoggerFactory loggers)
    : IConsumer<ListStores>, IGatewayConsumer
{
    private readonly ILogger _logger = loggers.CreateLogger(LogComponent.Api);

    public static string QueueName => GatewayEndpoints.ListStores;

    public Task Consume(ConsumeContext<ListStores> context) =>
        GatewayResponder.RespondAsync(context, _logger, async ct =>
        {
            var stores = await reads.ExecuteAsync(
                store: null,
                budgets.For(context.ExpirationTime),
                (node, worker, timeout, token) => node.ListStoresAsync(worker, timeout, token),
                ct).ConfigureAwait(false);
            return new StoresListed([.. stores.OrderBy(s => s.StoreId, StringComparer.Ordinal).ThenBy(s => s.Node, StringComparer.Ordinal)]);
        });
}
