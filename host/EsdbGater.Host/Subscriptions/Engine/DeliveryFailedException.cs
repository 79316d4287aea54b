namespace EsdbGater.Host.Subscriptions.Engine;

/// <summary>A send to the destination failed or was not confirmed in time.</summary>
internal sealed class DeliveryFailedException(Exception inner)
    : Exception("Sending to the destination failed: " + inner.Message, inner);
