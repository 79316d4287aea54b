using System.Collections.Concurrent;
using EsdbGater.Contracts;
using EsdbGater.Host.Cluster;

namespace EsdbGater.Host.Tests.Fakes;

internal sealed class RecordingEventSink : IClusterEventSink
{
    public ConcurrentQueue<object> Published { get; } = new();

    public void Publish(NodeUp nodeUp) => Published.Enqueue(nodeUp);

    public void Publish(NodeDown nodeDown) => Published.Enqueue(nodeDown);
}
