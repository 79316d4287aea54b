namespace EsdbGater.Host.Subscriptions.Bus.Ownership;

/// <summary>A client acknowledgement received by one replica, handed to the subscription's owner through its lease queue.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="EventNumber">The acknowledged number (covers earlier events of the stream).</param>
public sealed record ForwardedAck(string StreamId, long EventNumber);
