using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EsdbGater.Plugins.Discovery;

namespace EsdbGater.Discovery.Gossip.Membership;

/// <summary>
/// Holds the current <see cref="DiscoverySnapshot"/> and hands every later one to watchers. Each
/// watcher has a one-slot channel that keeps only the newest snapshot, so a slow reader skips
/// stale views instead of queueing them without bound.
/// </summary>
internal sealed class SnapshotPublisher
{
    private readonly Lock _gate = new();
    private readonly List<Channel<DiscoverySnapshot>> _watchers = [];
    private DiscoverySnapshot _current = DiscoverySnapshot.Empty;
    private bool _completed;

    public DiscoverySnapshot Current => Volatile.Read(ref _current);

    /// <summary>Publishes the next version with <paramref name="nodes"/>.</summary>
    public void Publish(ImmutableArray<DiscoveredNode> nodes)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            var next = new DiscoverySnapshot(_current.Version + 1, nodes);
            Volatile.Write(ref _current, next);
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(next);
            }
        }
    }

    /// <summary>The current snapshot, then each newer one, until cancelled or completed; cancellation ends the stream quietly.</summary>
    public async IAsyncEnumerable<DiscoverySnapshot> Watch([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<DiscoverySnapshot>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });

        lock (_gate)
        {
            // Under the lock, so no version can slip in between the first item and registration.
            channel.Writer.TryWrite(_current);
            if (_completed)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _watchers.Add(channel);
            }
        }

        try
        {
            while (await WaitToReadAsync(channel.Reader, cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var snapshot))
                {
                    yield return snapshot;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
            }
        }
    }

    /// <summary>Ends every watch; later publications are dropped.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryComplete();
            }

            _watchers.Clear();
        }
    }

    private static async ValueTask<bool> WaitToReadAsync(ChannelReader<DiscoverySnapshot> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
