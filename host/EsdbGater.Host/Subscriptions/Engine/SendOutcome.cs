namespace EsdbGater.Host.Subscriptions.Engine;

/// <summary>How one send ended. <paramref name="StreamId"/> is null for lifecycle signals (caught up, dropped, …).</summary>
internal readonly record struct SendOutcome(int Generation, string? StreamId, long EventNumber, Exception? Error);
