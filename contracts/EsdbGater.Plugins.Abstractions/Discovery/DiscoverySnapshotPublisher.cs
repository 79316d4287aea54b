using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace EsdbGater.Plugins.Discovery;

/// <summary>
/// A discovery's latest <see cref="DiscoverySnapshot"/> and the watches that
/// <see cref="INodeDiscovery.WatchAsync"/> hands out: each watch yields the current snapshot, then
/// the latest one after every change, so a slow reader skips versions instead of queueing them.
/// Thread-safe; every discovery plugin needs exactly this, so it is written once here.
/// </summary>
public sealed class DiscoverySnapshotPublisher
{
    private readonly Lock _gate = new();
    private DiscoverySnapshot _current = DiscoverySnapshot.Empty;
    private TaskCompletionSource _changed = NewSignal();
    private bool _completed;

    /// <summary>The latest snapshot; <see cref="DiscoverySnapshot.Empty"/> before the first publication.</summary>
    public DiscoverySnapshot Current => Volatile.Read(ref _current);

    /// <summary>
    /// Publishes <paramref name="nodes"/> as the next version, unless they equal the current nodes
    /// or <see cref="Complete"/> was called. The snapshot keeps an immutable copy of the list.
    /// </summary>
    /// <returns>Whether a new version was published.</returns>
    public bool TryPublish(IReadOnlyList<DiscoveredNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        TaskCompletionSource fired;
        lock (_gate)
        {
            if (_completed || nodes.SequenceEqual(_current.Nodes))
            {
                return false;
            }

            Volatile.Write(ref _current, new DiscoverySnapshot(_current.Version + 1, nodes.ToImmutableArray()));
            fired = _changed;
            _changed = NewSignal();
        }

        fired.TrySetResult();
        return true;
    }

    /// <summary>
    /// The current snapshot, then the latest one after each change, until
    /// <paramref name="cancellationToken"/> fires (the stream then ends quietly) or the publisher
    /// is completed (after the last version has been yielded).
    /// </summary>
    public async IAsyncEnumerable<DiscoverySnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = Current;
        yield return seen;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_current.Version != seen.Version)
                {
                    changed = Task.CompletedTask;
                }
                else if (_completed)
                {
                    yield break;
                }
                else
                {
                    changed = _changed.Task;
                }
            }

            // The signal never faults: suppressing only turns cancellation into the quiet end below.
            await changed.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            // Completion fires the signal too, without a new version.
            var next = Current;
            if (next.Version != seen.Version)
            {
                seen = next;
                yield return seen;
            }
        }
    }

    /// <summary>Ends every watch once it has yielded the latest version; later publications are dropped.</summary>
    public void Complete()
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            _completed = true;
            fired = _changed;
        }

        fired.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
