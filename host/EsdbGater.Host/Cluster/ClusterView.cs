using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace EsdbGater.Host.Cluster;

/// <summary>Holds the latest <see cref="ClusterSnapshot"/>; the monitor's node sessions change it one node at a time.</summary>
internal sealed class ClusterView : IClusterView
{
    private readonly Lock _gate = new();
    private ClusterSnapshot _current = ClusterSnapshot.Empty;
    private TaskCompletionSource _changed = NewSignal();

    public ClusterSnapshot Current => Volatile.Read(ref _current);

    public Task WaitForChangeAsync(ClusterSnapshot seen, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_gate)
        {
            if (_current.Version != seen.Version)
            {
                return Task.CompletedTask;
            }

            changed = _changed.Task;
        }

        return changed.WaitAsync(cancellationToken);
    }

    public async IAsyncEnumerable<ClusterSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = Current;
        yield return seen;
        while (!cancellationToken.IsCancellationRequested)
        {
            await WaitForChangeAsync(seen, cancellationToken).ConfigureAwait(false);
            seen = Current;
            yield return seen;
        }
    }

    /// <summary>Sets (or with null removes) one node.</summary>
    public void Set(string nodeName, ClusterNode? node)
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            var nodes = node is null ? _current.Nodes.Remove(nodeName) : _current.Nodes.SetItem(nodeName, node);
            if (ReferenceEquals(nodes, _current.Nodes))
            {
                return;
            }

            Volatile.Write(ref _current, new ClusterSnapshot(_current.Version + 1, nodes));
            fired = _changed;
            _changed = NewSignal();
        }

        fired.SetResult();
    }

    /// <summary>Changes one node if it is present.</summary>
    public void Update(string nodeName, Func<ClusterNode, ClusterNode> change)
    {
        lock (_gate)
        {
            if (_current.Nodes.TryGetValue(nodeName, out var node))
            {
                Set(nodeName, change(node));
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
