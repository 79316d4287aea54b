using System.Globalization;
using EsdbGater.Erlang.Terms;
using EsdbGater.Transport.Tcp.Failures;

namespace EsdbGater.Transport.Tcp.Workers;

/// <summary>
/// <see cref="Plugins.Transport.GatewayWorkerRef.Id"/>: a worker's pid as stable text,
/// <c>&lt;id&gt;.&lt;serial&gt;.&lt;creation&gt;/&lt;node&gt;</c>, read back without any table so that ids
/// stay valid across reconnects (until the worker or its node restarts).
/// </summary>
internal static class WorkerId
{
    public static string Format(ErlPid pid) =>
        string.Create(CultureInfo.InvariantCulture, $"{pid.Id}.{pid.Serial}.{pid.Creation}/{pid.Node.Name}");

    /// <summary>The pid; only pids of <paramref name="node"/> are accepted, since a message routed through another node would be lost.</summary>
    public static ErlPid Parse(string id, ErlAtom node)
    {
        if (!TryParse(id, out var pid))
        {
            throw ExesdbFailures.InvalidArgument($"\"{id}\" is not a gateway worker id of this transport.");
        }

        if (pid.Node != node)
        {
            throw ExesdbFailures.InvalidArgument($"Gateway worker {id} runs on {pid.Node.Name}, not on {node.Name}.");
        }

        return pid;
    }

    public static bool TryParse(string? id, out ErlPid pid)
    {
        pid = null!;
        var slash = id?.IndexOf('/') ?? -1;
        if (slash <= 0 || slash == id!.Length - 1)
        {
            return false;
        }

        var numbers = id.AsSpan(0, slash);
        Span<Range> parts = stackalloc Range[4];
        if (numbers.Split(parts, '.') != 3
            || !uint.TryParse(numbers[parts[0]], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || !uint.TryParse(numbers[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var serial)
            || !uint.TryParse(numbers[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var creation))
        {
            return false;
        }

        var node = id[(slash + 1)..];
        if (node.Length > 255 || node.IndexOf('@') <= 0)
        {
            return false;
        }

        pid = new ErlPid(ErlAtom.Of(node), number, serial, creation);
        return true;
    }
}
