using System.Collections.Immutable;
using System.Net;
using EsdbGater.Plugins;
using EsdbGater.Plugins.Discovery;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Discovery.Gossip.Membership;

/// <summary>
/// The nodes gossip knows of, bounded in size and age. Every change that alters what the host
/// sees is published as a new snapshot under the same lock, so versions and contents never
/// disagree. Heartbeats that change nothing visible publish nothing.
/// </summary>
internal sealed class NodeTable
{
    private readonly TimeSpan _expireAfter;
    private readonly int _maxNodes;

    // Back-off advice for nodes the host failed to connect to. Without it a node with another
    // cookie would be tried on every heartbeat (libcluster itself does that, and logs each attempt).
    private readonly ExponentialBackoff _backoff;
    private readonly TimeProvider _time;
    private readonly Func<string, bool?> _checkHost;
    private readonly DiscoverySnapshotPublisher _publisher;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, NodeEntry> _entries = new(StringComparer.Ordinal);
    private bool _dirty;

    /// <remarks>
    /// <c>checkHost</c> says whether a host part resolves, <c>null</c> while unknown (see
    /// <see cref="Resolution.HostResolutionCache"/>); it runs under the table's lock, so it must not block.
    /// </remarks>
    public NodeTable(
        TimeSpan expireAfter,
        int maxNodes,
        ExponentialBackoff backoff,
        TimeProvider time,
        Func<string, bool?> checkHost,
        DiscoverySnapshotPublisher publisher,
        ILogger logger)
    {
        _expireAfter = expireAfter;
        _maxNodes = maxNodes;
        _backoff = backoff;
        _time = time;
        _checkHost = checkHost;
        _publisher = publisher;
        _logger = logger;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>A heartbeat from <paramref name="nodeName"/> arrived from <paramref name="source"/>.</summary>
    public HeardOutcome Heard(string nodeName, IPAddress source)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var hostResolves = _checkHost(NodeNameRule.HostPart(nodeName));
            if (_entries.TryGetValue(nodeName, out var known))
            {
                Replace(known, known with { Source = source, LastHeard = now, HostResolves = hostResolves ?? known.HostResolves });
                PublishIfDirty();
                return HeardOutcome.Refreshed;
            }

            if (_entries.Count >= _maxNodes)
            {
                RemoveQuiet(now);
                if (_entries.Count >= _maxNodes)
                {
                    PublishIfDirty();
                    return HeardOutcome.TableFull;
                }
            }

            Replace(null, new NodeEntry(nodeName, source, hostResolves, now, Connected: false, ConnectFailures: 0, ConnectNotBefore: null));
            PublishIfDirty();
            return HeardOutcome.Added;
        }
    }

    /// <summary>The answer for <paramref name="host"/> is known: nodes waiting for it are reported.</summary>
    public void HostResolved(string host, bool resolves)
    {
        lock (_gate)
        {
            foreach (var entry in _entries.Values.ToList())
            {
                if (string.Equals(NodeNameRule.HostPart(entry.NodeName), host, StringComparison.OrdinalIgnoreCase))
                {
                    Replace(entry, entry with { HostResolves = resolves });
                }
            }

            PublishIfDirty();
        }
    }

    /// <summary>
    /// The host's connection feedback. Connected keeps the node while connected and clears the
    /// back-off; ConnectFailed advises a doubling back-off; Disconnected lets a quiet node expire.
    /// </summary>
    public void Report(string nodeName, NodeConnectionState state)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(nodeName, out var known))
            {
                return;
            }

            var now = _time.GetUtcNow();
            var updated = state switch
            {
                NodeConnectionState.Connected => known with { Connected = true, ConnectFailures = 0, ConnectNotBefore = null },
                NodeConnectionState.ConnectFailed => Failed(known, now),
                NodeConnectionState.Disconnected => known with { Connected = false },
                _ => known,
            };

            if (updated.IsQuiet(now, _expireAfter))
            {
                Remove(known, "disconnected and no longer heartbeating");
            }
            else
            {
                Replace(known, updated);
            }

            PublishIfDirty();
        }
    }

    /// <summary>Drops nodes that are not connected and have not been heard for the expiry time.</summary>
    public void ExpireQuiet()
    {
        lock (_gate)
        {
            RemoveQuiet(_time.GetUtcNow());
            PublishIfDirty();
        }
    }

    private NodeEntry Failed(NodeEntry known, DateTimeOffset now)
    {
        var failures = known.ConnectFailures + 1;
        var delay = _backoff.DelayAfter(failures);
        _logger.LogDebug("Connecting to {Node} failed {Failures} times; advising a {Backoff} back-off", known.NodeName, failures, delay);
        return known with { Connected = false, ConnectFailures = failures, ConnectNotBefore = now + delay };
    }

    private void RemoveQuiet(DateTimeOffset now)
    {
        foreach (var entry in _entries.Values.Where(e => e.IsQuiet(now, _expireAfter)).ToList())
        {
            Remove(entry, "no heartbeat within " + _expireAfter);
        }
    }

    private void Remove(NodeEntry entry, string why)
    {
        _entries.Remove(entry.NodeName);
        if (entry.IsReported)
        {
            _dirty = true;
            _logger.LogInformation("Gossip dropped {Node}: {Reason}", entry.NodeName, why);
        }
    }

    private void Replace(NodeEntry? old, NodeEntry updated)
    {
        _entries[updated.NodeName] = updated;
        if (!updated.IsReported)
        {
            return;
        }

        var now = updated.ToDiscoveredNode();
        if (old is { IsReported: true } && old.ToDiscoveredNode() == now)
        {
            return;
        }

        _dirty = true;
        if (old is not { IsReported: true })
        {
            _logger.LogInformation("Gossip discovered {Node} (EPMD host {EpmdHost})", now.NodeName, now.EpmdHost ?? NodeNameRule.HostPart(now.NodeName));
        }
    }

    private void PublishIfDirty()
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        _publisher.TryPublish(_entries.Values
            .Where(e => e.IsReported)
            .OrderBy(e => e.NodeName, StringComparer.Ordinal)
            .Select(e => e.ToDiscoveredNode())
            .ToImmutableArray());
    }
}
