namespace EsdbGater.Contracts;

/// <summary>Response to <see cref="GetStreams"/>.</summary>
/// <param name="Store">The store.</param>
/// <param name="StreamIds">The stream ids, sorted ordinally (ExESDB's own order is arbitrary).</param>
public sealed record StreamsListed(string Store, IReadOnlyList<string> StreamIds);
