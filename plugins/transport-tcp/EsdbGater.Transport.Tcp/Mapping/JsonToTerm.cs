using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using EsdbGater.Erlang.Terms;
using EsdbGater.Transport.Tcp.Failures;

namespace EsdbGater.Transport.Tcp.Mapping;

/// <summary>
/// JSON from .NET clients as Erlang terms. Objects become maps with <b>binary</b> keys (client
/// input never creates atoms on an ExESDB node: atoms are never collected), arrays become
/// lists, strings UTF-8 binaries, numbers integers when written without fraction or exponent
/// (arbitrary size) and floats otherwise, <c>true</c>/<c>false</c> atoms, <c>null</c> <c>nil</c>.
/// Anything the BEAM could not hold faithfully is refused with an InvalidArgument failure.
/// </summary>
internal static class JsonToTerm
{
    /// <summary>Deepest nesting accepted, far above real payloads and below stack danger.</summary>
    public const int MaxDepth = 256;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// An event payload by the contract's rule: a JSON object becomes a map (so ExESDB's
    /// by-payload filters can match it); any other JSON value is stored as its UTF-8 text.
    /// </summary>
    public static ErlangTerm FromPayload(JsonElement json, string what) => json.ValueKind switch
    {
        JsonValueKind.Object => Convert(json, what),
        JsonValueKind.Undefined => throw ExesdbFailures.InvalidArgument($"{what} is missing."),
        _ => Utf8Binary(json.GetRawText(), what),
    };

    /// <summary>
    /// The JSON value as a term. <paramref name="topLevelAtomKeys"/> names the keys of the
    /// outermost object that become atoms instead of binaries (a fixed vocabulary of ours,
    /// e.g. EventRecord field names for by-pattern selectors), never client text.
    /// </summary>
    public static ErlangTerm Convert(JsonElement json, string what, FrozenDictionary<string, ErlAtom>? topLevelAtomKeys = null) =>
        Value(json, what, depth: 0, topLevelAtomKeys);

    private static ErlangTerm Value(JsonElement json, string what, int depth, FrozenDictionary<string, ErlAtom>? atomKeys)
    {
        if (depth > MaxDepth)
        {
            throw ExesdbFailures.InvalidArgument($"{what} is nested deeper than {MaxDepth} levels.");
        }

        return json.ValueKind switch
        {
            JsonValueKind.Object => Object(json, what, depth, atomKeys),
            JsonValueKind.Array => Array(json, what, depth),
            JsonValueKind.String => Utf8Binary(StringOf(json, what), what),
            JsonValueKind.Number => Number(json, what),
            JsonValueKind.True => ErlAtom.True,
            JsonValueKind.False => ErlAtom.False,
            JsonValueKind.Null => ErlAtom.Nil,
            _ => throw ExesdbFailures.InvalidArgument($"{what} is missing."),
        };
    }

    private static ErlMap Object(JsonElement json, string what, int depth, FrozenDictionary<string, ErlAtom>? atomKeys)
    {
        var pairs = ImmutableArray.CreateBuilder<KeyValuePair<ErlangTerm, ErlangTerm>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            var name = NameOf(property, what);

            // JSON allows a repeated name; a BEAM map does not, and guessing which one wins loses data.
            if (!seen.Add(name))
            {
                throw ExesdbFailures.InvalidArgument($"{what} has the property \"{Shorten(name)}\" twice.");
            }

            ErlangTerm key = atomKeys is not null && atomKeys.TryGetValue(name, out var atom)
                ? atom
                : Utf8Binary(name, what);
            pairs.Add(KeyValuePair.Create(key, Value(property.Value, what, depth + 1, atomKeys: null)));
        }

        return pairs.Count == 0 ? ErlMap.Empty : new ErlMap(pairs.ToImmutable());
    }

    private static ErlList Array(JsonElement json, string what, int depth)
    {
        var elements = ImmutableArray.CreateBuilder<ErlangTerm>(json.GetArrayLength());
        foreach (var element in json.EnumerateArray())
        {
            elements.Add(Value(element, what, depth + 1, atomKeys: null));
        }

        return elements.Count == 0 ? ErlList.Empty : new ErlList(elements.MoveToImmutable());
    }

    private static ErlangTerm Number(JsonElement json, string what)
    {
        if (json.TryGetInt64(out var small))
        {
            return ErlInteger.Of(small);
        }

        var text = json.GetRawText();
        if (text.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            return ErlInteger.Of(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        // The BEAM has no infinities: 1e400 cannot be stored as a float.
        if (!json.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            throw ExesdbFailures.InvalidArgument($"{what} holds the number {Shorten(text)}, which is too large for a float.");
        }

        return new ErlFloat(value);
    }

    /// <summary>System.Text.Json refuses to read escaped unpaired surrogates as a string; so do we, with our failure.</summary>
    private static string StringOf(JsonElement json, string what)
    {
        try
        {
            return json.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw InvalidUnicode(what);
        }
    }

    private static string NameOf(JsonProperty property, string what)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw InvalidUnicode(what);
        }
    }

    private static Plugins.Transport.ExesdbCallException InvalidUnicode(string what) =>
        ExesdbFailures.InvalidArgument($"{what} holds text that is not valid Unicode (an unpaired surrogate).");

    /// <summary>The text as a UTF-8 binary; text with unpaired surrogates has no UTF-8 form and is refused.</summary>
    public static ErlBinary Utf8Binary(string text, string what)
    {
        try
        {
            return new ErlBinary(StrictUtf8.GetBytes(text));
        }
        catch (EncoderFallbackException)
        {
            throw InvalidUnicode(what);
        }
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "...");
}
