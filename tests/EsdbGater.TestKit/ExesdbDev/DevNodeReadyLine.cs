using System.Globalization;

namespace EsdbGater.TestKit.ExesdbDev;

/// <summary>
/// The line a development node prints when it is ready, e.g.
/// <c>exesdb_dev ready node=a@host stores=reg_gh epmd_port=4380 dist_port=45100 ...</c>.
/// </summary>
public sealed record DevNodeReadyLine(string Line, IReadOnlyDictionary<string, string> Fields)
{
    public const string Prefix = "exesdb_dev ready ";

    /// <summary>The full node name the node reported.</summary>
    public string NodeName => Fields["node"];

    public int DistributionPort => int.Parse(Fields["dist_port"], CultureInfo.InvariantCulture);

    /// <summary>The leader per store as the node saw it when ready (<c>store:node</c> pairs).</summary>
    public string Leaders => Fields.GetValueOrDefault("leaders", "");

    public static bool Matches(string line) => line.StartsWith(Prefix, StringComparison.Ordinal);

    public static DevNodeReadyLine Parse(string line)
    {
        var fields = line[Prefix.Length..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        return new DevNodeReadyLine(line, fields);
    }
}
