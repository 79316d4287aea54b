using System.Collections.Concurrent;
using EsdbGater.Contracts;
using EsdbGater.Host.Subscriptions.Model;
using EsdbGater.Host.Subscriptions.Seams;

namespace EsdbGater.Host.Subscriptions.Engine;

/// <summary>
/// The sends of one subscription that the broker (or the client) has not settled yet, and the
/// checkpoint advancement their outcomes allow. Outcomes and acknowledgements arrive on other
/// threads and are only queued there; the runner's loop applies them, so the cursors keep a
/// single writer.
/// </summary>
/// <param name="definition">The subscription: its checkpoint mode and in-flight bound.</param>
/// <param name="target">Where its events go.</param>
/// <param name="cursors">The cursors whose pending events the outcomes settle.</param>
/// <param name="dependencies">Shared services.</param>
/// <param name="wake">Set when an outcome or acknowledgement arrives.</param>
/// <param name="checkpointMoved">Told whenever a confirmation or acknowledgement may have moved the checkpoint.</param>
internal sealed class DeliveryWindow(
    SubscriptionDefinition definition,
    DeliveryTarget target,
    StreamCursors cursors,
    RunnerDependencies dependencies,
    WakeSignal wake,
    Action checkpointMoved)
{
    private readonly SubscriptionDefinition _definition = definition;
    private readonly DeliveryTarget _target = target;
    private readonly StreamCursors _cursors = cursors;
    private readonly ISubscriptionDelivery _delivery = dependencies.Delivery;
    private readonly SubscriptionOptions _options = dependencies.Options;
    private readonly TimeProvider _time = dependencies.Time;
    private readonly WakeSignal _wake = wake;
    private readonly Action _checkpointMoved = checkpointMoved;
    private readonly ConcurrentQueue<SendOutcome> _outcomes = new();
    private readonly ConcurrentDictionary<string, long> _acks = new(StringComparer.Ordinal);
    private readonly List<Exception> _failures = [];
    private int _generation;
    private int _unconfirmed;
    private bool _warmup = true;

    /// <summary>True when <c>MaxInFlight</c> events are unsettled: the runner must wait before sending more.</summary>
    public bool IsFull => _cursors.PendingTotal >= _definition.MaxInFlight;

    /// <summary>A client acknowledgement (client-ack mode): settles this and earlier events of the stream.</summary>
    public void Acknowledge(string streamId, long eventNumber)
    {
        _acks.AddOrUpdate(streamId, eventNumber, (_, known) => Math.Max(known, eventNumber));
        _wake.Set();
    }

    /// <summary>
    /// Starts sending an event already added as pending to its cursor. After a (re)start or a
    /// failure the first send is awaited alone, so that the channel exists before sends overlap.
    /// </summary>
    public async Task SendEventAsync<T>(T message, string stream, long number, CancellationToken cancellationToken)
        where T : class
    {
        Send(message, stream, number);
        if (_warmup)
        {
            await AwaitSendsAsync(cancellationToken).ConfigureAwait(false);
            _warmup = false;
        }
    }

    /// <summary>Starts sending a message that settles no event (a notice about the subscription).</summary>
    public void SendSignal<T>(T message)
        where T : class => Send(message, null, -1);

    /// <summary>Applies send outcomes and acknowledgements; throws <see cref="DeliveryFailedException"/> when a send failed.</summary>
    public void Settle()
    {
        Collect();
        if (_acks.IsEmpty)
        {
            // Nothing to apply.
        }
        else if (_definition.CheckpointMode == CheckpointMode.ClientAck)
        {
            foreach (var stream in _acks.Keys)
            {
                if (_acks.TryRemove(stream, out var number))
                {
                    _cursors.AcknowledgeThrough(stream, number);
                    _checkpointMoved();
                }
            }
        }
        else
        {
            _acks.Clear();
        }

        if (_failures.Count > 0)
        {
            throw new DeliveryFailedException(_failures[0]);
        }
    }

    /// <summary>Applies the send outcomes that arrived, without throwing for failures.</summary>
    public void Collect()
    {
        while (_outcomes.TryDequeue(out var outcome))
        {
            if (outcome.Generation != _generation)
            {
                continue; // From before a rewind: already accounted for.
            }

            _unconfirmed--;
            if (outcome.Error is not null)
            {
                _failures.Add(outcome.Error);
            }
            else if (outcome.StreamId is { } stream && _definition.CheckpointMode == CheckpointMode.BrokerConfirmed)
            {
                _cursors.Confirm(stream, outcome.EventNumber);
                _checkpointMoved();
            }
        }
    }

    /// <summary>Waits (bounded) for the outcomes of sends in flight, so that the checkpoint and a rewind see them.</summary>
    public async Task SettleInFlightAsync()
    {
        var deadline = _time.GetUtcNow() + _options.SendTimeout + TimeSpan.FromSeconds(1);
        while (true)
        {
            Collect();
            if (_unconfirmed == 0 || _time.GetUtcNow() >= deadline)
            {
                return;
            }

            await _wake.WaitAsync(deadline - _time.GetUtcNow(), _time, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Every stream goes back to its checkpoint, so that what follows is read and sent again;
    /// outcomes of the sends forgotten here are ignored when they arrive.
    /// </summary>
    public void Rewind()
    {
        foreach (var stream in _cursors.Streams.ToArray())
        {
            var cursor = _cursors.Get(stream);
            if (cursor.PendingCount > 0 || cursor.Examined > cursor.Checkpoint)
            {
                _cursors.RewindTo(stream, cursor.Checkpoint);
            }
        }

        _generation++;
        _unconfirmed = 0;
        _failures.Clear();
        _warmup = true;
    }

    /// <summary>Waits until every send started so far has an outcome; throws if one failed.</summary>
    private async Task AwaitSendsAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Settle();
            if (_unconfirmed == 0)
            {
                return;
            }

            await _wake.WaitAsync(Timeout.InfiniteTimeSpan, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Send<T>(T message, string? stream, long number)
        where T : class
    {
        var generation = _generation;
        _unconfirmed++;
        var timeout = new CancellationTokenSource(_options.SendTimeout, _time);
        Task sending;
        try
        {
            sending = _delivery.SendAsync(_target, message, timeout.Token);
        }
        catch (Exception e)
        {
            sending = Task.FromException(e);
        }

        sending.ContinueWith(
            (task, state) =>
            {
                var cts = (CancellationTokenSource)state!;
                var error = task.IsFaulted
                    ? task.Exception!.InnerException ?? task.Exception
                    : task.IsCanceled ? new TimeoutException($"The broker did not confirm within {_options.SendTimeout}.") : null;
                cts.Dispose();
                _outcomes.Enqueue(new SendOutcome(generation, stream, number, error));
                _wake.Set();
            },
            timeout,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
