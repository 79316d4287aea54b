using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace EsdbGater.Erlang.Distribution;

/// <summary>
/// An Erlang node name, <c>alive@host</c>: an alive part of letters, digits, <c>_</c> and <c>-</c>
/// (Erlang's own rule), and a host part of letters, digits, <c>.</c>, <c>_</c> and <c>-</c> (what
/// host names and IPv4 literals are made of; Erlang itself accepts any printable character there).
/// </summary>
/// <remarks>
/// The same rule as <c>EsdbGater.Plugins.Discovery.NodeNameRule</c>, which discovery applies before
/// a name reaches the transport. This library cannot reference the plugin abstractions, so the
/// rule is written twice: change the two together.
/// </remarks>
public sealed record NodeName
{
    private static readonly SearchValues<char> AliveCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    // Without '@': a second '@' makes the name invalid.
    private static readonly SearchValues<char> HostCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    private NodeName(string alive, string host)
    {
        Alive = alive;
        Host = host;
    }

    /// <summary>The part before <c>@</c>: what EPMD knows the node as.</summary>
    public string Alive { get; }

    /// <summary>The part after <c>@</c>: where its EPMD runs (short host name, FQDN or IP).</summary>
    public string Host { get; }

    /// <summary>The full <c>alive@host</c> text.</summary>
    public string FullName => Alive + "@" + Host;

    public override string ToString() => FullName;

    /// <summary>Parses <c>alive@host</c>; false when a part is missing or has a character the rule (see the type) does not allow, or the name is longer than an atom may be.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out NodeName? name)
    {
        name = null;
        if (string.IsNullOrEmpty(text) || text.Length > 255)
        {
            return false;
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0
            || at == text.Length - 1
            || text.AsSpan(0, at).IndexOfAnyExcept(AliveCharacters) >= 0
            || text.AsSpan(at + 1).IndexOfAnyExcept(HostCharacters) >= 0)
        {
            return false;
        }

        name = new NodeName(text[..at], text[(at + 1)..]);
        return true;
    }

    /// <summary>Parses <c>alive@host</c> or throws <see cref="ArgumentException"/>.</summary>
    public static NodeName Parse(string text) =>
        TryParse(text, out var name) ? name : throw new ArgumentException($"'{text}' is not a node name of the form alive@host.", nameof(text));

    /// <summary>
    /// A name unique to this process instance, <c>{prefix}_{random}@{host}</c>. The default
    /// prefix contains <c>_maint_</c>, which Swarm's built-in blacklist skips on nodeup, so
    /// ExESDB nodes do not rpc into us for every connection. <paramref name="host"/> defaults
    /// to this machine's short host name (the form <c>-sname</c> clusters use).
    /// </summary>
    public static NodeName CreateUnique(string prefix = "esdbgater_maint", string? host = null)
    {
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        host ??= ShortHostName();
        return Parse($"{prefix}_{suffix}@{host}");
    }

    /// <summary>This machine's host name up to the first dot, as Erlang's <c>-sname</c> uses it.</summary>
    public static string ShortHostName()
    {
        var full = System.Net.Dns.GetHostName();
        var dot = full.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? full[..dot] : full;
    }
}
