namespace EsdbGater.Host.Subscriptions.Engine;

/// <summary>A stream's version stayed below the highest event number the gateway had already examined.</summary>
internal sealed class DataLossException(string store, string streamId, long version, long highWater)
    : Exception($"Stream '{streamId}' of store '{store}' is at version {version}, below event {highWater} that was already delivered: the ExESDB node lost events (ExESDB deletes its store on a clean shutdown). Delivery is stopped; remove and re-create the subscription once the cause is understood.")
{
    public string StreamId { get; } = streamId;
}
