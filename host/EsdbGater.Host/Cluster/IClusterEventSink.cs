using EsdbGater.Contracts;

namespace EsdbGater.Host.Cluster;

/// <summary>Where node up/down events go (the bus, in the host). Best effort: never throws, never blocks the monitor.</summary>
internal interface IClusterEventSink
{
    void Publish(NodeUp nodeUp);

    void Publish(NodeDown nodeDown);
}
