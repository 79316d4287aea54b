namespace EsdbGater.Host.Api;

/// <summary>A consumer of one gateway operation, with the queue it reads from.</summary>
internal interface IGatewayConsumer
{
    /// <summary>The queue name after the configured prefix, e.g. <c>append-events</c>; see <see cref="GatewayEndpoints"/>.</summary>
    static abstract string QueueName { get; }
}
