using System.Runtime.CompilerServices;
using EsdbGater.Plugins.Discovery;

namespace EsdbGater.Discovery.Static;

/// <summary>The latest <see cref="DiscoverySnapshot"/>, with waiting for a newer one; readers that fall behind skip to the latest.</summary>
internal sealed class LatestSnapshot
{
    private readonly Lock _gate = new();
    private DiscoverySnapshot _current = DiscoverySnapshot.Empty;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _completed;

    public DiscoverySnapshot Current => Volatile.Read(ref _current);

    /// <summary>Publishes a new node list (a new version) unless it equals the current one.</summary>
    public bool TryPublish(IReadOnlyList<DiscoveredNode> nodes)
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            if (_completed || nodes.SequenceEqual(_current.Nodes))
            {
                return false;
            }

            Volatile.Write(ref _current, new DiscoverySnapshot(_current.Version + 1, nodes));
            fired = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        fired.TrySetResult();
        return true;
    }

    /// <summary>Ends every watch.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            _changed.TrySetResult();
        }
    }

    public async IAsyncEnumerable<DiscoverySnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = Current;
        yield return seen;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_completed)
                {
                    yield break;
                }

                changed = _current.Version == seen.Version ? _changed.Task : Task.CompletedTask;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            var next = Current;
            if (next.Version != seen.Version)
            {
                seen = next;
                yield return seen;
            }
        }
    }
}
