using EsdbGater.Host.Cluster;

namespace EsdbGater.Host.Tests.Fakes;

internal sealed class RecordingRefresher : IWorkerRefresher
{
    public List<string> Requested { get; } = [];

    public void RequestRefresh(string nodeName) => Requested.Add(nodeName);
}
