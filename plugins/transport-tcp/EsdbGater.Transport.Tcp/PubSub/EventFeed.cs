using System.Threading.Channels;
using EsdbGater.Erlang.Distribution;
using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tcp.Mapping;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Transport.Tcp.PubSub;

/// <summary>
/// One member of the node's <c>:ex_esdb_events</c> adapter group: a mailbox of ours that
/// ExESDB's Phoenix.PubSub sends <c>forward_to_local</c> broadcasts to, turned into
/// <see cref="FeedEvent"/>s in arrival order.
/// </summary>
/// <remarks>
/// Memory stays bounded when the consumer is slow: the feed holds at most
/// <c>capacity</c> events; when they are not read, the pump stops reading the member mailbox,
/// whose own bound (the distribution layer's) then applies. Nothing is dropped here, so a
/// consumer that stalls for long stalls delivery; the gateway's catch-up reads repair gaps.
/// Meant for a single reader.
/// </remarks>
internal sealed class EventFeed : IEventFeed
{
    private readonly Mailbox _member;
    private readonly PeerGroups _groups;
    private readonly Func<EventFeed, ValueTask> _leave;
    private readonly ILogger _logger;
    private readonly Channel<FeedEvent> _events;
    private readonly CancellationTokenSource _stop = new();
    private Task _pump = Task.CompletedTask;
    private int _disposed;

    public EventFeed(Mailbox member, PeerGroups groups, int capacity, Func<EventFeed, ValueTask> leave, ILogger logger)
    {
        _member = member;
        _groups = groups;
        _leave = leave;
        _logger = logger;
        _events = Channel.CreateBounded<FeedEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = true,
        });
    }

    /// <summary>Our member pid, as announced to the remote scope.</summary>
    public ErlPid Member => _member.Self;

    /// <summary>Completes when the remote scope has been told about <see cref="Member"/>; faults when it cannot be.</summary>
    public TaskCompletionSource Announced { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyCollection<EmitterGroup> EmitterGroups => _groups.EmitterGroups;

    public IAsyncEnumerable<FeedEvent> ReadAllAsync(CancellationToken cancellationToken) => _events.Reader.ReadAllAsync(cancellationToken);

    public void Start() => _pump = Task.Run(PumpAsync);

    /// <summary>Ends the feed: readers drain what is buffered, then complete.</summary>
    public void End(string reason, Exception? announceFailure = null)
    {
        if (!_stop.IsCancellationRequested)
        {
            _logger.LogInformation("Event feed member {Member} ended: {Reason}", _member.Self, reason);
        }

        // Only a pending join observes the failure; a plain cancel never surfaces as unobserved.
        if (announceFailure is null)
        {
            Announced.TrySetCanceled();
        }
        else
        {
            Announced.TrySetException(announceFailure);
        }

        _stop.Cancel();
        _events.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _leave(this).ConfigureAwait(false);
        End("disposed");
        await _pump.ConfigureAwait(false);
        await _member.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task PumpAsync()
    {
        var messages = _member.Messages;
        try
        {
            while (await messages.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (messages.TryRead(out var message))
                {
                    await DeliverAsync(message).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (ChannelClosedException)
        {
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    private async Task DeliverAsync(ErlangTerm message)
    {
        if (!ForwardToLocal.TryParseEvents(message, out var topic, out var records))
        {
            _logger.LogDebug("Event feed member {Member} ignored {Message}", _member.Self, Failures.ExesdbFailures.Quote(message));
            return;
        }

        foreach (var record in records)
        {
            FeedEvent feedEvent;
            try
            {
                feedEvent = new FeedEvent(topic, EventRecordTerm.Parse(record, "forward_to_local"));
            }
            catch (ExesdbCallException e)
            {
                // Catch-up reads still see the record; one odd record must not end the feed.
                _logger.LogWarning("Event feed skipped a record on {Topic}: {Reason}", topic, e.Message);
                continue;
            }

            await _events.Writer.WriteAsync(feedEvent, _stop.Token).ConfigureAwait(false);
        }
    }
}
