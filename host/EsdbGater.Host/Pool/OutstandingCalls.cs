using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace EsdbGater.Host.Pool;

/// <summary>Calls in flight per node, for load-aware reads.</summary>
internal sealed class OutstandingCalls
{
    private readonly ConcurrentDictionary<string, StrongBox<int>> _byNode = new(StringComparer.Ordinal);

    public int Of(string nodeName) => _byNode.TryGetValue(nodeName, out var box) ? Volatile.Read(ref box.Value) : 0;

    public void Increment(string nodeName) => Interlocked.Increment(ref _byNode.GetOrAdd(nodeName, static _ => new StrongBox<int>()).Value);

    public void Decrement(string nodeName)
    {
        if (_byNode.TryGetValue(nodeName, out var box))
        {
            Interlocked.Decrement(ref box.Value);
        }
    }
}
