using System.Text.RegularExpressions;

namespace EsdbGater.Host.Api.Validation;

/// <summary>
/// Store names become atoms on the ExESDB nodes and parts of other atoms
/// (<c>exesdb_gatewayworkers_&lt;store&gt;</c>), so only an atom-safe charset is accepted.
/// </summary>
internal static partial class StoreNameRule
{
    public const int DefaultMaxLength = 100;

    /// <summary>Null when valid, otherwise what is wrong (without echoing long input).</summary>
    public static string? Check(string? store, int maxLength)
    {
        if (string.IsNullOrEmpty(store))
        {
            return "a store name is required.";
        }

        if (store.Length > maxLength)
        {
            return $"the store name has {store.Length} characters; at most {maxLength} are allowed.";
        }

        return AtomSafe().IsMatch(store) ? null : "a store name may contain only a-z, 0-9 and '_'.";
    }

    [GeneratedRegex("^[a-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AtomSafe();
}
