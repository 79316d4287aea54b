using EsdbGater.Host.Observability;
using EsdbGater.Plugins.Transport;

namespace EsdbGater.Host.Pool;

/// <summary>A worker chosen for one call; counts as load on its node until disposed.</summary>
internal sealed class WorkerLease : IDisposable
{
    private readonly OutstandingCalls _load;
    private int _disposed;

    public WorkerLease(PoolCandidate candidate, OutstandingCalls load)
    {
        Candidate = candidate;
        _load = load;
        load.Increment(candidate.NodeName);
        GatewayTelemetry.NodeChosen(candidate.NodeName);
    }

    public PoolCandidate Candidate { get; }

    public string NodeName => Candidate.NodeName;

    public GatewayWorkerRef Worker => Candidate.Worker;

    /// <summary>The node's connection (present: candidates are healthy nodes).</summary>
    public IExesdbNode Node => Candidate.Node.Connection!;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _load.Decrement(NodeName);
        }
    }
}
