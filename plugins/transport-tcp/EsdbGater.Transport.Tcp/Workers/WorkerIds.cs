using System.Collections.Concurrent;
using System.Globalization;
using EsdbGater.Erlang.Terms;
using EsdbGater.Transport.Tcp.Failures;

namespace EsdbGater.Transport.Tcp.Workers;

/// <summary>
/// <see cref="Plugins.Transport.GatewayWorkerRef.Id"/>: a worker's pid as stable text,
/// <c>&lt;id&gt;.&lt;serial&gt;.&lt;creation&gt;/&lt;node&gt;</c>. Only ids this transport has handed out
/// are accepted back: a pid the node never made can be outside the range its OTP version
/// decodes (OTP 25 drops the whole connection for a local pid number above 32767), so a
/// stale or forged id must never reach the wire.
/// </summary>
internal sealed class WorkerIds
{
    private readonly ConcurrentDictionary<string, ErlPid> _issued = new(StringComparer.Ordinal);

    /// <summary>The id of a pid the node reported, remembered for <see cref="Resolve"/>.</summary>
    public string Issue(ErlPid pid)
    {
        var id = Format(pid);
        _issued.TryAdd(id, pid);
        return id;
    }

    /// <summary>The pid behind an id this transport issued for <paramref name="node"/>.</summary>
    public ErlPid Resolve(string id, ErlAtom node)
    {
        if (id is null || !_issued.TryGetValue(id, out var pid))
        {
            throw ExesdbFailures.InvalidArgument($"\"{id}\" is not a gateway worker id this transport has listed.");
        }

        if (pid.Node != node)
        {
            throw ExesdbFailures.InvalidArgument($"Gateway worker {id} runs on {pid.Node.Name}, not on {node.Name}.");
        }

        return pid;
    }

    public static string Format(ErlPid pid) =>
        string.Create(CultureInfo.InvariantCulture, $"{pid.Id}.{pid.Serial}.{pid.Creation}/{pid.Node.Name}");
}
