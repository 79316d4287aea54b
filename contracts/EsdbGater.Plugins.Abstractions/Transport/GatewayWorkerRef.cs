namespace EsdbGater.Plugins.Transport;

/// <summary>A gateway worker process on an ExESDB node.</summary>
/// <param name="Store">The store it serves.</param>
/// <param name="NodeName">The node it runs on.</param>
/// <param name="Id">Opaque, stable identity of the process (its pid), meaningful to the transport only.</param>
public sealed record GatewayWorkerRef(string Store, string NodeName, string Id);
