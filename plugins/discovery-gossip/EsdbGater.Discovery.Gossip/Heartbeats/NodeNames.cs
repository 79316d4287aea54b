namespace EsdbGater.Discovery.Gossip.Heartbeats;

/// <summary>What a usable Erlang node name looks like: <c>alive@host</c>.</summary>
internal static class NodeNames
{
    /// <summary>
    /// True for <c>alive@host</c> with an alive part of letters, digits, <c>_</c> and <c>-</c>
    /// and a host part of letters, digits, <c>.</c>, <c>_</c> and <c>-</c> (names, IPv4 literals).
    /// Stricter than an atom on purpose: names end up in logs and DNS queries.
    /// </summary>
    public static bool IsValid(string name)
    {
        var at = name.IndexOf('@');
        if (at <= 0 || at == name.Length - 1 || name.IndexOf('@', at + 1) >= 0)
        {
            return false;
        }

        foreach (var c in name.AsSpan(0, at))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        foreach (var c in name.AsSpan(at + 1))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The part after <c>@</c> of a valid name.</summary>
    public static string HostPart(string name) => name[(name.IndexOf('@') + 1)..];
}
