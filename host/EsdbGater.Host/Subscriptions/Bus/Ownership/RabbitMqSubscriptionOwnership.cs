using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EsdbGater.Host.Configuration;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Subscriptions.Bus.Ownership;

/// <summary>
/// Single ownership of persistent subscriptions with RabbitMQ's single active consumer: every
/// replica consumes each subscription's lease queue (<c>x-single-active-consumer</c>), so the
/// broker delivers to exactly one of them and moves on to the next when that consumer's
/// connection dies. No election of our own.
/// </summary>
/// <remarks>
/// <para>
/// AMQP 0.9.1 does not tell a consumer that it became active, so every replica sends a
/// <see cref="SubscriptionLeaseTick"/> to every lease queue each
/// <see cref="SubscriptionOptions.LeaseTickInterval"/>; only the active consumer receives them,
/// and it owns the subscription while ticks keep coming. A replica cut off from the broker
/// stops receiving ticks and stops delivering after <see cref="SubscriptionOptions.LeaseTimeout"/>
/// (it cannot send meanwhile either). Ticks expire after that timeout, so a stale tick never
/// makes a new consumer believe it owns the subscription, and they are acknowledged at once:
/// no delivery is held, so RabbitMQ's <c>consumer_timeout</c> (30 minutes) never applies.
/// </para>
/// <para>
/// The lease queue also carries what only the owner may act on: stop requests from a remover
/// and forwarded client acknowledgements. It is auto-delete: it disappears when the last
/// replica leaves it (the subscription was removed, or all replicas stopped).
/// </para>
/// </remarks>
internal sealed class RabbitMqSubscriptionOwnership(
    IBus bus,
    IReceiveEndpointConnector connector,
    IOptions<BusOptions> busOptions,
    SubscriptionOptions options,
    string replicaId,
    TimeProvider time,
    ILogger logger) : ISubscriptionOwnership
{
    private readonly ConcurrentDictionary<SubscriptionKey, Lease> _leases = new();
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;
    private readonly TimeSpan _leaseTimeout = options.LeaseTimeout;

    public string ReplicaId => replicaId;

    public async Task<IAsyncDisposable> JoinAsync(SubscriptionKey key, IOwnershipListener listener, CancellationToken cancellationToken)
    {
        var lease = new Lease(this, key, listener);
        var handle = connector.ConnectReceiveEndpoint(QueueName(key), (_, endpoint) =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.SingleActiveConsumer = true;
                rabbit.AutoDelete = true;
                rabbit.PrefetchCount = 16;
            }

            endpoint.ConfigureConsumeTopology = false;
            endpoint.PublishFaults = false;
            endpoint.Handler<SubscriptionLeaseTick>(_ => lease.OnTickAsync());
            endpoint.Handler<StopSubscriptionOwner>(async context =>
            {
                await listener.OnStopRequestedAsync().ConfigureAwait(false);
                await context.RespondAsync(new SubscriptionOwnerStopped(replicaId)).ConfigureAwait(false);
            });
            endpoint.Handler<ForwardedAck>(context =>
            {
                listener.OnAck(context.Message.StreamId, context.Message.EventNumber);
                return Task.CompletedTask;
            });
        });
        lease.Handle = handle;
        try
        {
            await handle.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await handle.StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        _leases[key] = lease;
        return lease;
    }

    public async Task<bool> StopOwnerAsync(SubscriptionKey key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var client = bus.CreateRequestClient<StopSubscriptionOwner>(Address(key), RequestTimeout.After(ms: (int)timeout.TotalMilliseconds));
        try
        {
            var stopped = await client.GetResponse<SubscriptionOwnerStopped>(new StopSubscriptionOwner(key.Store, key.Name), cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Subscription {Subscription}: owner {Replica} stopped", key, stopped.Message.Replica);
            return true;
        }
        catch (RequestTimeoutException)
        {
            return false;
        }
    }

    public async Task ForwardAckAsync(SubscriptionKey key, string streamId, long eventNumber, CancellationToken cancellationToken)
    {
        var endpoint = await bus.GetSendEndpoint(Address(key)).ConfigureAwait(false);
        await endpoint.Send(new ForwardedAck(streamId, eventNumber), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the ticks and ends leases that stopped being renewed, until <paramref name="stoppingToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.LeaseTickInterval, _time);
        try
        {
            do
            {
                foreach (var lease in _leases.Values)
                {
                    await lease.CheckExpiryAsync().ConfigureAwait(false);
                    await SendTickAsync(lease.Key, stoppingToken).ConfigureAwait(false);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendTickAsync(SubscriptionKey key, CancellationToken stoppingToken)
    {
        try
        {
            var endpoint = await bus.GetSendEndpoint(Address(key)).ConfigureAwait(false);
            await endpoint.Send(new SubscriptionLeaseTick(replicaId), context => context.TimeToLive = _leaseTimeout, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            _logger.LogDebug("Lease tick for {Subscription} not sent ({Problem})", key, e.Message);
        }
    }

    /// <summary>The queue's exchange, declared as MassTransit declares it for the auto-delete endpoint.</summary>
    private static Uri ExchangeAddress(string queueName) => new($"exchange:{queueName}?autodelete=true");

    private Uri Address(SubscriptionKey key) => ExchangeAddress(QueueName(key));

    /// <summary><c>&lt;prefix&gt;.subscription.&lt;store&gt;.&lt;name&gt;</c>, hashed when longer than RabbitMQ's 255 bytes.</summary>
    private string QueueName(SubscriptionKey key)
    {
        var prefix = busOptions.Value.EndpointPrefix + ".subscription.";
        var name = $"{prefix}{key.Store}.{key.Name}";
        return name.Length <= 255
            ? name
            : prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key.Store}/{key.Name}")));
    }

    /// <summary>This replica's membership in one lease queue.</summary>
    private sealed class Lease(RabbitMqSubscriptionOwnership owner, SubscriptionKey key, IOwnershipListener listener) : IAsyncDisposable
    {
        private long _lastTickTicks;
        private int _owned;

        public SubscriptionKey Key => key;

        public HostReceiveEndpointHandle? Handle { get; set; }

        public async Task OnTickAsync()
        {
            Interlocked.Exchange(ref _lastTickTicks, owner._time.GetUtcNow().UtcTicks);
            if (Interlocked.Exchange(ref _owned, 1) == 0)
            {
                owner._logger.LogInformation("Subscription {Subscription}: this replica holds the lease", key);
            }

            await listener.OnAcquiredAsync().ConfigureAwait(false);
        }

        public async Task CheckExpiryAsync()
        {
            var last = new DateTimeOffset(Interlocked.Read(ref _lastTickTicks), TimeSpan.Zero);
            if (Volatile.Read(ref _owned) == 1 && owner._time.GetUtcNow() - last > owner._leaseTimeout
                && Interlocked.Exchange(ref _owned, 0) == 1)
            {
                owner._logger.LogWarning("Subscription {Subscription}: no lease tick for {Timeout}; another replica owns it now", key, owner._leaseTimeout);
                await listener.OnLostAsync().ConfigureAwait(false);
            }
        }

        public async ValueTask DisposeAsync()
        {
            owner._leases.TryRemove(new KeyValuePair<SubscriptionKey, Lease>(key, this));
            Interlocked.Exchange(ref _owned, 0);
            if (Handle is { } handle)
            {
                await handle.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
