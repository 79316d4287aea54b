namespace EsdbGater.Host.Api;

/// <summary>
/// A consumer of one gateway operation, with the queue it reads from. Most operations write an
/// <see cref="IGatewayHandler{TRequest}"/> and get <see cref="GatewayHandlerConsumer{THandler, TRequest}"/>;
/// a consumer is written by hand only where that shape does not fit (e.g. a message that is
/// answered only when it was sent as a request).
/// </summary>
internal interface IGatewayConsumer
{
    /// <summary>The queue name after the configured prefix, e.g. <c>append-events</c>; see <see cref="GatewayEndpoints"/>.</summary>
    static abstract string QueueName { get; }
}
