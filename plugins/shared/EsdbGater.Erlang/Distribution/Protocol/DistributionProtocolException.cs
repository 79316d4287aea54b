namespace EsdbGater.Erlang.Distribution.Protocol;

/// <summary>A peer broke the distribution protocol after the handshake; the connection is closed.</summary>
public sealed class DistributionProtocolException(string message, Exception? inner = null) : Exception(message, inner);
