namespace EsdbGater.Contracts;

/// <summary>Response to <see cref="ListStores"/>.</summary>
/// <param name="Stores">One entry per store and reporting node.</param>
public sealed record StoresListed(IReadOnlyList<StoreInfo> Stores);
