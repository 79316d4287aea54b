using System.Reflection;

namespace EsdbGater.Host.Observability;

/// <summary>
/// Reads the store a request names (its public <c>Store</c> string property) for the request span,
/// through a delegate bound once per request type; null for requests without one (<c>ListStores</c>).
/// </summary>
internal static class RequestStore<TRequest>
    where TRequest : class
{
    private static readonly Func<TRequest, string?>? Getter =
        typeof(TRequest).GetProperty("Store", BindingFlags.Public | BindingFlags.Instance) is { PropertyType: var type, GetMethod: { } get } && type == typeof(string)
            ? get.CreateDelegate<Func<TRequest, string?>>()
            : null;

    public static string? Of(TRequest request) => Getter?.Invoke(request);
}
