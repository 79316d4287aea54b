using System.Buffers;

namespace EsdbGater.Plugins.Discovery;

/// <summary>
/// The node names discovery may hand to the host: <c>alive@host</c>, exactly one <c>@</c>, at
/// most 255 characters (a node name is an atom).
/// </summary>
/// <remarks>
/// The alive part is Erlang's own rule (<c>net_kernel</c> accepts letters, digits, <c>_</c> and
/// <c>-</c>). For the host part Erlang accepts any printable Latin-1 character; this rule keeps
/// what host names and IPv4 literals are made of, for <c>-sname</c> and <c>-name</c> clusters
/// alike: letters, digits, <c>.</c>, <c>_</c> (Docker service names) and <c>-</c>. Anything else
/// could not be looked up, and a name is resolved and logged before it is ever connected to.
/// The Erlang library's <c>NodeName</c> applies the same rule (it cannot reference this
/// assembly); change the two together.
/// </remarks>
public static class NodeNameRule
{
    /// <summary>The longest node name: an atom has at most 255 characters.</summary>
    public const int MaxLength = 255;

    private static readonly SearchValues<char> AliveCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    // Without '@': a second '@' makes the name invalid.
    private static readonly SearchValues<char> HostCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    /// <summary>Null when <paramref name="name"/> is a valid node name, otherwise what is wrong with it.</summary>
    public static string? Check(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a node name is required";
        }

        if (name.Length > MaxLength)
        {
            return "a node name has at most 255 characters";
        }

        var at = name.IndexOf('@', StringComparison.Ordinal);
        var valid = at > 0
            && at < name.Length - 1
            && name.AsSpan(0, at).IndexOfAnyExcept(AliveCharacters) < 0
            && name.AsSpan(at + 1).IndexOfAnyExcept(HostCharacters) < 0;
        return valid
            ? null
            : "expected alive@host, e.g. exesdb1@localhost (alive: letters, digits, '_', '-'; host: letters, digits, '.', '_', '-', as in a host name or IPv4 address)";
    }

    /// <summary>True when <paramref name="name"/> is a valid node name; allocates nothing.</summary>
    public static bool IsValid(string? name) => Check(name) is null;

    /// <summary>The part after <c>@</c> of a valid node name: where its EPMD runs.</summary>
    public static string HostPart(string name) => name[(name.IndexOf('@', StringComparison.Ordinal) + 1)..];
}
