using EsdbGater.Erlang.Distribution;
using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tcp.Operations;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Transport.Tcp.PubSub;

/// <summary>
/// Our side of pg scope <c>'Elixir.Phoenix.PubSub'</c>: a mailbox registered under that name
/// that behaves as a <c>pg</c> scope process towards each ExESDB node's scope. We start
/// discovery (a hidden node is never discovered), answer every discover with a sync listing
/// our feed members in the events adapter group, announce later members with a join and
/// departing ones with a leave, and track the remote groups to see the emitter pools. Each
/// remote scope hears only about the members that feed from its own node, so a broadcast on
/// one node never reaches the feed of another. Our scope never joins emitter groups and
/// never sends a scope anything but <see cref="PgProtocol"/>'s messages.
/// </summary>
internal sealed class PgScope : IAsyncDisposable
{
    private static readonly ErlAtom NoProc = ErlAtom.Of("noproc");
    private static readonly ErlAtom NoConnection = ErlAtom.Of("noconnection");
    private static readonly TimeSpan ConfirmPollInterval = TimeSpan.FromMilliseconds(20);

    private readonly ErlangNode _node;
    private readonly Mailbox _scope;
    private readonly ErlAtom _group;
    private readonly FeedSettings _settings;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<ErlAtom, PeerLink> _links = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public PgScope(ErlangNode node, ErlAtom group, FeedSettings settings, ILogger logger, TimeProvider timeProvider)
    {
        _node = node;
        _group = group;
        _settings = settings;
        _logger = logger;
        _timeProvider = timeProvider;
        _scope = node.CreateMailbox(PgProtocol.PhoenixPubSubScope.Name);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>How feeds are joined and buffered.</summary>
    public sealed record FeedSettings(int Capacity, TimeSpan JoinTimeout);

    /// <summary>Joins the events adapter group of <paramref name="calls"/>' node; returns once the node lists the new member.</summary>
    public async Task<EventFeed> JoinAsync(RemoteCalls calls, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var connection = calls.Connection;
        Mailbox? member = null;
        EventFeed? feed = null;
        PeerLink? link = null;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            link = LinkFor(connection);
            member = _node.CreateMailbox();
            feed = new EventFeed(member, link.Groups, _settings.Capacity, LeaveAsync, _logger);
            link.Feeds.Add(feed);
            await AnnounceOrDiscoverAsync(link, feed, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (feed is not null)
            {
                link?.Feeds.Remove(feed);
            }

            if (member is not null)
            {
                await member.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            _gate.Release();
        }

        feed.Start();
        try
        {
            await WaitAnnouncedAsync(feed, connection.RemoteNode, cancellationToken).ConfigureAwait(false);
            var remaining = _settings.JoinTimeout - _timeProvider.GetElapsedTime(started);
            await ConfirmMembershipAsync(calls, feed.Member, remaining, cancellationToken).ConfigureAwait(false);
            return feed;
        }
        catch
        {
            await feed.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _stop.Cancel();
            foreach (var link in _links.Values.ToArray())
            {
                EndLink(link, "the transport is shutting down");
            }
        }
        finally
        {
            _gate.Release();
        }

        // The scope's death is a DOWN for every remote scope monitoring it: all our members go.
        await _scope.DisposeAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
    }

    private PeerLink LinkFor(NodeConnection connection)
    {
        if (_links.TryGetValue(connection.RemoteNode, out var existing))
        {
            if (ReferenceEquals(existing.Connection, connection) && connection.IsConnected)
            {
                return existing;
            }

            EndLink(existing, "replaced by a new connection");
        }

        var link = new PeerLink(connection);
        _links[connection.RemoteNode] = link;
        _ = EndWhenClosedAsync(link);
        return link;
    }

    /// <summary>Called with the gate held: tells a known remote scope about the member, or starts discovery.</summary>
    private async Task AnnounceOrDiscoverAsync(PeerLink link, EventFeed feed, CancellationToken cancellationToken)
    {
        var connection = link.Connection;
        try
        {
            if (link.Remote is { } remote)
            {
                await connection.SendAsync(_scope, remote, PgProtocol.JoinMessage(_scope.Self, _group, feed.Member), cancellationToken).ConfigureAwait(false);
                link.Announced.Add(feed.Member);
                feed.Announced.TrySetResult();
            }
            else
            {
                // The monitor turns "no such scope" into a prompt noproc and tells us when the scope dies.
                // Not cancellable: a monitor without its discover would leave the link waiting. A
                // discover is repeated for every member that joins before the scope answered: pg
                // answers each one with a sync, and our sync follows it.
                link.Monitor ??= await connection.MonitorAsync(_scope, PgProtocol.PhoenixPubSubScope, CancellationToken.None).ConfigureAwait(false);
                await connection.SendAsync(_scope, PgProtocol.PhoenixPubSubScope, PgProtocol.DiscoverMessage(_scope.Self), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException && !connection.IsConnected)
        {
            throw new ExesdbCallException(ExesdbCallFailure.NodeDown, $"Joining the event feed: the connection to {connection.RemoteNode.Name} is lost.", e);
        }
    }

    private async Task WaitAnnouncedAsync(EventFeed feed, ErlAtom node, CancellationToken cancellationToken)
    {
        try
        {
            await feed.Announced.Task.WaitAsync(_settings.JoinTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new ExesdbCallException(ExesdbCallFailure.Timeout, $"The pg scope of {node.Name} did not answer discovery within {_settings.JoinTimeout}.", e);
        }
    }

    /// <summary>
    /// Reads the group through <c>rex</c> (<c>pg:get_members/2</c> reads the scope's table, it
    /// never messages the scope) until our member is in it, so a broadcast made after this
    /// returns reaches the feed. Nodes whose <c>rex</c> does not answer skip the check.
    /// </summary>
    private async Task ConfirmMembershipAsync(RemoteCalls calls, ErlPid member, TimeSpan remaining, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        while (true)
        {
            var left = remaining - _timeProvider.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                throw new ExesdbCallException(ExesdbCallFailure.Timeout, $"{calls.Connection.RemoteNode.Name} did not list the event feed member within {_settings.JoinTimeout}.");
            }

            var reply = await calls.RpcAsync("pg", "get_members", [PgProtocol.PhoenixPubSubScope, _group], "pg:get_members", left, cancellationToken).ConfigureAwait(false);
            if (reply is not ErlList { IsProper: true } members)
            {
                _logger.LogDebug("Cannot confirm pg membership on {Node} ({Reply})", calls.Connection.RemoteNode.Name, Failures.ExesdbFailures.Quote(reply));
                return;
            }

            if (members.Elements.Contains(member))
            {
                return;
            }

            await Task.Delay(ConfirmPollInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask LeaveAsync(EventFeed feed)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var link = _links.Values.FirstOrDefault(l => l.Feeds.Contains(feed));
            if (link is null || !link.Feeds.Remove(feed) || !link.Announced.Remove(feed.Member) || link.Remote is not { } remote || !link.Connection.IsConnected)
            {
                return;
            }

            await link.Connection.SendAsync(_scope, remote, PgProtocol.LeaveMessage(_scope.Self, feed.Member, _group)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The member mailbox dies next; a lost connection already removed it remotely.
            _logger.LogDebug(e, "Leaving the events group failed for {Member}", feed.Member);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var message in _scope.Messages.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                await _gate.WaitAsync(_stop.Token).ConfigureAwait(false);
                try
                {
                    await HandleAsync(PgProtocol.Classify(message)).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.LogWarning(e, "pg scope message {Message} could not be handled", Failures.ExesdbFailures.Quote(message));
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task HandleAsync(PgProtocol.Incoming incoming)
    {
        switch (incoming)
        {
            case PgProtocol.DiscoverFrom(var peer) when LinkOf(peer) is { } link:
                var wasKnown = link.Remote == peer;
                link.Remote = peer;
                await SyncAsync(link, peer).ConfigureAwait(false);
                if (!wasKnown)
                {
                    await link.Connection.SendAsync(_scope, peer, PgProtocol.DiscoverMessage(_scope.Self)).ConfigureAwait(false);
                }

                break;
            case PgProtocol.SyncFrom(var peer, var groups) when LinkOf(peer) is { } link:
                link.Remote = peer;
                link.Groups.Sync(groups);
                // A scope that already knew us sends no discover: announce pending members now.
                if (link.Feeds.Any(f => !link.Announced.Contains(f.Member)))
                {
                    await SyncAsync(link, peer).ConfigureAwait(false);
                }

                break;
            case PgProtocol.JoinFrom(var peer, var group, var pids) when LinkOf(peer) is { } link && link.Remote == peer:
                link.Groups.Join(group, pids);
                break;
            case PgProtocol.LeaveFrom(var peer, var pids, var groups) when LinkOf(peer) is { } link && link.Remote == peer:
                link.Groups.Leave(pids, groups);
                break;
            case PgProtocol.MonitorDown(var monitor, var reason) when _links.Values.FirstOrDefault(l => l.Monitor == monitor) is { } link:
                EndLink(link, $"its pg scope is down ({Failures.ExesdbFailures.Quote(reason)})", AnnounceFailure(link, reason));
                break;
            default:
                _logger.LogDebug("pg scope ignored {Message}", incoming);
                break;
        }
    }

    /// <summary>A sync is idempotent (it replaces what the peer knew of us), unlike a join.</summary>
    private async Task SyncAsync(PeerLink link, ErlPid peer)
    {
        var members = link.Feeds.Select(f => f.Member).ToArray();
        await link.Connection.SendAsync(_scope, peer, PgProtocol.SyncMessage(_scope.Self, _group, members)).ConfigureAwait(false);
        link.Announced.Clear();
        link.Announced.UnionWith(members);
        foreach (var feed in link.Feeds)
        {
            feed.Announced.TrySetResult();
        }
    }

    private PeerLink? LinkOf(ErlPid peer) =>
        _links.TryGetValue(peer.Node, out var link) && link.Connection.IsConnected ? link : null;

    private static ExesdbCallException AnnounceFailure(PeerLink link, ErlangTerm reason)
    {
        var node = link.Connection.RemoteNode.Name;
        return reason == NoProc
            ? new ExesdbCallException(ExesdbCallFailure.NoProcess, $"{node} runs no Phoenix.PubSub pg scope.")
            : reason == NoConnection
                ? new ExesdbCallException(ExesdbCallFailure.NodeDown, $"The connection to {node} is lost.")
                : new ExesdbCallException(ExesdbCallFailure.WorkerDown, $"The Phoenix.PubSub pg scope of {node} exited.");
    }

    /// <summary>Called with the gate held; a join still waiting fails with <paramref name="announceFailure"/> (default: node down).</summary>
    private void EndLink(PeerLink link, string reason, Exception? announceFailure = null)
    {
        announceFailure ??= new ExesdbCallException(ExesdbCallFailure.NodeDown, $"The event feed of {link.Connection.RemoteNode.Name} ended: {reason}.");
        if (_links.TryGetValue(link.Connection.RemoteNode, out var current) && ReferenceEquals(current, link))
        {
            _links.Remove(link.Connection.RemoteNode);
        }

        link.Groups.Clear();
        foreach (var feed in link.Feeds)
        {
            feed.End($"{link.Connection.RemoteNode.Name}: {reason}", announceFailure);
        }

        link.Feeds.Clear();
        link.Announced.Clear();
    }

    private async Task EndWhenClosedAsync(PeerLink link)
    {
        var reason = await link.Connection.Closed.ConfigureAwait(false);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_links.TryGetValue(link.Connection.RemoteNode, out var current) && ReferenceEquals(current, link))
            {
                EndLink(link, $"connection closed ({reason})",
                    new ExesdbCallException(ExesdbCallFailure.NodeDown, $"The connection to {link.Connection.RemoteNode.Name} is lost."));
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
