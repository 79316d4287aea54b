namespace EsdbGater.Host.Pool;

/// <summary>Which stores the gateway serves: configured ones and those seen on connected nodes.</summary>
internal interface IKnownStores
{
    bool IsKnown(string store);

    /// <summary>All known stores, ordered.</summary>
    IReadOnlyList<string> All { get; }
}
