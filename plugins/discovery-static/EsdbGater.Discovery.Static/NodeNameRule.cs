using System.Text.RegularExpressions;

namespace EsdbGater.Discovery.Static;

/// <summary>
/// Erlang node names as the transport can reach them: <c>alive@host</c>, with an alive part of
/// letters, digits, '_' and '-', and a host name or IPv4 address; 255 characters at most (a node
/// name is an atom).
/// </summary>
internal static partial class NodeNameRule
{
    /// <summary>Null when valid, otherwise what is wrong.</summary>
    public static string? Check(string name)
    {
        if (name.Length > 255)
        {
            return "a node name has at most 255 characters";
        }

        return NodeName().IsMatch(name) ? null : "expected alive@host, e.g. exesdb1@localhost (alive: letters, digits, '_', '-'; host: a host name or IPv4 address)";
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+@[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NodeName();
}
