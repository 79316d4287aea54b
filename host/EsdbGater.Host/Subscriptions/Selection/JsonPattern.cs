using System.Text.Json;

namespace EsdbGater.Host.Subscriptions.Selection;

/// <summary>
/// Partial matching of JSON values, after ExESDB's Khepri <c>if_data_matches</c> map patterns:
/// every key of a pattern object must be present in the target with a matching value (nested
/// objects match partially too); arrays match element by element with equal length; scalars
/// match when equal (integers as integers, other numbers by value, strings ordinally).
/// </summary>
/// <remarks>
/// The gateway matches on the JSON view of events, so Elixir atom keys and string keys are the
/// same key here, unlike in ExESDB where a string-keyed pattern never matches atom-keyed data.
/// </remarks>
internal static class JsonPattern
{
    public static bool Matches(JsonElement pattern, JsonElement target) => pattern.ValueKind switch
    {
        JsonValueKind.Object => target.ValueKind == JsonValueKind.Object && ObjectMatches(pattern, target),
        JsonValueKind.Array => target.ValueKind == JsonValueKind.Array && ArrayMatches(pattern, target),
        JsonValueKind.String => target.ValueKind == JsonValueKind.String && string.Equals(pattern.GetString(), target.GetString(), StringComparison.Ordinal),
        JsonValueKind.Number => target.ValueKind == JsonValueKind.Number && NumberEquals(pattern, target),
        JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => target.ValueKind == pattern.ValueKind,
        _ => false,
    };

    private static bool ObjectMatches(JsonElement pattern, JsonElement target)
    {
        foreach (var property in pattern.EnumerateObject())
        {
            if (!target.TryGetProperty(property.Name, out var value) || !Matches(property.Value, value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ArrayMatches(JsonElement pattern, JsonElement target)
    {
        if (pattern.GetArrayLength() != target.GetArrayLength())
        {
            return false;
        }

        using var p = pattern.EnumerateArray();
        using var t = target.EnumerateArray();
        while (p.MoveNext() && t.MoveNext())
        {
            if (!Matches(p.Current, t.Current))
            {
                return false;
            }
        }

        return true;
    }

    private static bool NumberEquals(JsonElement a, JsonElement b)
    {
        var aInteger = a.TryGetInt64(out var x);
        var bInteger = b.TryGetInt64(out var y);
        if (aInteger || bInteger)
        {
            // Erlang keeps 1 and 1.0 apart in a match; so does the JSON text of an integer.
            return aInteger && bInteger && x == y;
        }

        return a.GetDouble().Equals(b.GetDouble());
    }
}
