using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;

namespace EsdbGater.Host.Tests.Subscriptions.Fakes;

/// <summary>
/// Single active consumer, as RabbitMQ does it: per subscription the first replica to join is
/// the owner; when it leaves or dies, the next one in line takes over.
/// </summary>
internal sealed class FakeOwnershipBroker
{
    private readonly Dictionary<SubscriptionKey, List<Member>> _members = [];

    public Changes Changes { get; } = new();

    /// <summary>
    /// When set, a join waits for it after the replica is in line (and, if first, told it owns
    /// the subscription): RabbitMQ starts a consumer before its endpoint reports ready.
    /// </summary>
    public Func<Task>? BeforeJoinReturns { get; set; }

    /// <summary>When set, leaving a lease queue removes the replica from the line, then fails with this (the broker connection broke).</summary>
    public Exception? LeaveFailure { get; set; }

    public string? OwnerOf(SubscriptionKey key)
    {
        lock (_members)
        {
            return _members.TryGetValue(key, out var line) && line.Count > 0 ? line[0].Replica : null;
        }
    }

    /// <summary>The replica's process died: its leases end without a word to it beyond "lost"; the next in line takes over.</summary>
    public async Task KillAsync(string replica)
    {
        List<(Member Dead, Member? Next)> changes = [];
        lock (_members)
        {
            foreach (var line in _members.Values)
            {
                var dead = line.FirstOrDefault(m => m.Replica == replica);
                if (dead is null)
                {
                    continue;
                }

                var wasOwner = line[0] == dead;
                line.Remove(dead);
                changes.Add((dead, wasOwner && line.Count > 0 ? line[0] : null));
            }
        }

        foreach (var (dead, next) in changes)
        {
            await dead.Listener.OnLostAsync();
            if (next is not null)
            {
                await next.Listener.OnAcquiredAsync();
            }
        }

        Changes.Notify();
    }

    /// <summary>A lease tick reaches the owner, as one does every interval while it holds the lease.</summary>
    public async Task RenewAsync(SubscriptionKey key)
    {
        if (Owner(key) is { } owner)
        {
            await owner.Listener.OnAcquiredAsync();
        }
    }

    internal async Task<IAsyncDisposable> JoinAsync(SubscriptionKey key, string replica, IOwnershipListener listener)
    {
        var member = new Member(replica, listener);
        bool first;
        lock (_members)
        {
            if (!_members.TryGetValue(key, out var line))
            {
                line = [];
                _members[key] = line;
            }

            line.Add(member);
            first = line.Count == 1;
        }

        if (first)
        {
            await listener.OnAcquiredAsync();
        }

        Changes.Notify();
        if (BeforeJoinReturns is { } hold)
        {
            await hold();
        }

        return new Leave(() => LeaveAsync(key, member));
    }

    internal async Task<bool> StopOwnerAsync(SubscriptionKey key)
    {
        var owner = Owner(key);
        if (owner is null)
        {
            return false;
        }

        await owner.Listener.OnStopRequestedAsync();
        return true;
    }

    internal void ForwardAck(SubscriptionKey key, string stream, long number) => Owner(key)?.Listener.OnAck(stream, number);

    private Member? Owner(SubscriptionKey key)
    {
        lock (_members)
        {
            return _members.TryGetValue(key, out var line) && line.Count > 0 ? line[0] : null;
        }
    }

    private async Task LeaveAsync(SubscriptionKey key, Member member)
    {
        Member? next = null;
        lock (_members)
        {
            if (_members.TryGetValue(key, out var line))
            {
                var wasOwner = line.Count > 0 && line[0] == member;
                line.Remove(member);
                next = wasOwner && line.Count > 0 ? line[0] : null;
            }
        }

        if (next is not null)
        {
            await next.Listener.OnAcquiredAsync();
        }

        Changes.Notify();
        if (LeaveFailure is { } failure)
        {
            throw failure;
        }
    }

    private sealed record Member(string Replica, IOwnershipListener Listener);

    private sealed class Leave(Func<Task> leave) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await leave();
    }
}

/// <summary>One replica's view of the <see cref="FakeOwnershipBroker"/>.</summary>
internal sealed class FakeOwnership(FakeOwnershipBroker broker, string replica) : ISubscriptionOwnership
{
    public string ReplicaId => replica;

    public Task<IAsyncDisposable> JoinAsync(SubscriptionKey key, IOwnershipListener listener, CancellationToken cancellationToken) =>
        broker.JoinAsync(key, replica, listener);

    public Task<bool> StopOwnerAsync(SubscriptionKey key, TimeSpan timeout, CancellationToken cancellationToken) => broker.StopOwnerAsync(key);

    public Task ForwardAckAsync(SubscriptionKey key, string streamId, long eventNumber, CancellationToken cancellationToken)
    {
        broker.ForwardAck(key, streamId, eventNumber);
        return Task.CompletedTask;
    }
}
