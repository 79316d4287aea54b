namespace EsdbGater.Host.Pool;

/// <summary>No connected node had a worker for the store within the pool's bounded wait.</summary>
internal sealed class NoWorkersException(string? store, TimeSpan waited)
    : Exception(store is null
        ? $"No connected node has any gateway worker (waited {waited.TotalSeconds:0.#} s)."
        : $"No connected node has a gateway worker for store '{store}' (waited {waited.TotalSeconds:0.#} s).")
{
    public string? Store { get; } = store;
}
