using System.Collections.Frozen;
using System.Text.Json;

namespace EsdbGater.Host.Observability;

/// <summary>
/// Every value of <typeparamref name="TEnum"/> as a snake-case attribute value
/// (<c>AppendOutcomeUnknown</c> → <c>append_outcome_unknown</c>), computed once, so that tagging a
/// measurement allocates nothing.
/// </summary>
internal static class SnakeCaseNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

    /// <summary>The snake-case name; <c>unknown</c> for a value the enum does not declare.</summary>
    public static string Of(TEnum value) => Names.TryGetValue(value, out var name) ? name : "unknown";
}
