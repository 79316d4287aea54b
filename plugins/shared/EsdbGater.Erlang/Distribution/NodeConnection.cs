using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using EsdbGater.Erlang.Distribution.Framing;
using EsdbGater.Erlang.Distribution.Handshake;
using EsdbGater.Erlang.Distribution.Protocol;
using EsdbGater.Erlang.Distribution.Runtime;
using EsdbGater.Erlang.Terms;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Erlang.Distribution;

/// <summary>
/// One distribution connection to a remote node, after a completed handshake. It reads and
/// dispatches the peer's signals, answers and sends ticks, and fails every waiting caller at
/// once when the connection is lost. Sends to a lost connection are dropped, as in Erlang.
/// </summary>
public sealed class NodeConnection : IAsyncDisposable
{
    private readonly ErlangNode _node;
    private readonly Stream _stream;
    private readonly ErlangNodeOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly FrameWriter _writer;
    private readonly SignalDispatcher _dispatcher;
    private readonly ConcurrentDictionary<ErlRef, PendingCall> _pending = new();
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly string _remoteName;
    private long _lastReadTimestamp;
    private long _unlinkIds;
    private int _closing;

    internal NodeConnection(ErlangNode node, Stream stream, HandshakeResult handshake, bool tls, ILogger logger)
    {
        _node = node;
        _stream = stream;
        _options = node.Options;
        _timeProvider = node.TimeProvider;
        _logger = logger;
        _remoteName = handshake.PeerName;
        RemoteNode = ErlAtom.Of(handshake.PeerName);
        RemoteCreation = handshake.PeerCreation;
        Flags = handshake.NegotiatedFlags;
        IsTls = tls;
        CallerPid = node.MakePid();
        _lastReadTimestamp = _timeProvider.GetTimestamp();
        _writer = new FrameWriter(stream, _timeProvider);
        _dispatcher = new SignalDispatcher(node, this, logger);
    }

    public ErlAtom RemoteNode { get; }

    /// <summary>The remote node's creation from the handshake (changes when it restarts).</summary>
    public uint RemoteCreation { get; }

    /// <summary>Flags both sides agreed on.</summary>
    public ulong NegotiatedFlags => (ulong)Flags;

    /// <summary>True when the connection runs inside TLS (inet_tls distribution).</summary>
    public bool IsTls { get; }

    public bool IsConnected => Volatile.Read(ref _closing) == 0;

    /// <summary>Completes, never faults, when the connection ends; the value says why.</summary>
    public Task<string> Closed => _closed.Task;

    internal DistributionFlags Flags { get; }

    /// <summary>The pid our calls come from; replies to it are matched to callers by reference.</summary>
    internal ErlPid CallerPid { get; }

    internal bool Negotiated(DistributionFlags flag) => (Flags & flag) == flag;

    /// <summary>Starts reading, ticking and watching the peer.</summary>
    internal void Start()
    {
        _ = Task.Run(ReadLoopAsync);
        _ = Task.Run(WatchLoopAsync);
        _ = _writer.Completion.ContinueWith(
            t => Close(t.IsFaulted ? $"write failed: {t.Exception?.GetBaseException().Message}" : "writer stopped"),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// <c>gen_server:call</c>: monitors <paramref name="server"/> (a registered-name atom, a pid,
    /// or <c>{Name, Node}</c>), sends <c>{'$gen_call', {Self, Ref}, Request}</c> and waits for the
    /// reply. Throws <see cref="GenCallException"/> on timeout, DOWN (with the reason) or
    /// connection loss; the monitor is removed afterwards and late replies are dropped.
    /// </summary>
    public async Task<ErlangTerm> CallAsync(ErlangTerm server, ErlangTerm request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var target = ResolveTarget(server);
        var reference = _node.MakeRef();
        var call = new PendingCall(target, RemoteNode);
        _pending[reference] = call;
        try
        {
            // Checked after registering, so that a concurrent Close either sees this call or we see it closed.
            if (!IsConnected)
            {
                call.ConnectionLost();
            }
            else
            {
                var message = Erl.Tuple(Atoms.GenCall, Erl.Tuple(CallerPid, reference), request);
                var buffer = new PooledBufferWriter();
                OutgoingFrame frame;
                try
                {
                    DistributionMessage.AppendTo(buffer, ControlMessages.MonitorP(CallerPid, target, reference), null);
                    DistributionMessage.AppendTo(buffer, SendControl(CallerPid, target), message);
                    frame = new OutgoingFrame(buffer);
                }
                catch
                {
                    buffer.Dispose();
                    throw;
                }

                if (!await _writer.EnqueueAsync(frame, cancellationToken).ConfigureAwait(false))
                {
                    call.ConnectionLost();
                }
            }

            try
            {
                return await call.Outcome.WaitAsync(timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw call.TimedOut(timeout);
            }
        }
        finally
        {
            _pending.TryRemove(reference, out _);
            if (!call.MonitorEnded && IsConnected)
            {
                _writer.TryEnqueue(DistributionMessage.Encode(ControlMessages.DemonitorP(CallerPid, target, reference), null));
            }
        }
    }

    /// <summary><c>gen_server:cast</c>: sends <c>{'$gen_cast', Request}</c>; no reply ever comes.</summary>
    public ValueTask CastAsync(ErlangTerm server, ErlangTerm request, CancellationToken cancellationToken = default)
    {
        var target = ResolveTarget(server);
        return SendFrameAsync(SendControl(CallerPid, target), Erl.Tuple(Atoms.GenCast, request), cancellationToken);
    }

    /// <summary>
    /// <c>rpc:call</c> through the remote <c>rex</c> server. Returns the function's result, which
    /// may be <c>{badrpc, Reason}</c>; transport failures throw <see cref="GenCallException"/>.
    /// </summary>
    public Task<ErlangTerm> RpcAsync(string module, string function, IReadOnlyList<ErlangTerm> args, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var request = Erl.Tuple(Atoms.Call, ErlAtom.Of(module), ErlAtom.Of(function), ErlList.Of([.. args]), Atoms.User);
        return CallAsync(Atoms.Rex, request, timeout, cancellationToken);
    }

    /// <summary>Sends <paramref name="message"/> from <paramref name="from"/> to a remote pid, registered name or <c>{Name, Node}</c>.</summary>
    public ValueTask SendAsync(Mailbox from, ErlangTerm to, ErlangTerm message, CancellationToken cancellationToken = default) =>
        SendFrameAsync(SendControl(from.Self, ResolveTarget(to)), message, cancellationToken);

    /// <summary>
    /// Monitors a remote process (pid, registered-name atom or <c>{Name, Node}</c>) on behalf of
    /// <paramref name="owner"/>; the DOWN arrives in the owner's messages as
    /// <c>{'DOWN', Ref, process, Object, Reason}</c>, with reason <c>noconnection</c> when the
    /// connection drops (at once, if it already has).
    /// </summary>
    public async ValueTask<ErlRef> MonitorAsync(Mailbox owner, ErlangTerm target, CancellationToken cancellationToken = default)
    {
        var resolved = ResolveTarget(target);
        var reference = _node.MakeRef();
        if (!owner.AddMonitor(new LocalMonitor(this, resolved, reference)))
        {
            throw new ObjectDisposedException(nameof(Mailbox), "The mailbox is disposed.");
        }

        await SendFrameAsync(ControlMessages.MonitorP(owner.Self, resolved, reference), null, cancellationToken).ConfigureAwait(false);
        if (!IsConnected && owner.RemoveMonitor(reference))
        {
            await owner.DeliverAsync(Mailbox.DownMessage(reference, MonitoredObject(resolved), Atoms.NoConnection), static () => { }).ConfigureAwait(false);
        }

        return reference;
    }

    /// <summary>Removes a monitor made with <see cref="MonitorAsync"/>; a DOWN already delivered stays delivered.</summary>
    public ValueTask DemonitorAsync(Mailbox owner, ErlangTerm target, ErlRef monitorRef, CancellationToken cancellationToken = default)
    {
        owner.RemoveMonitor(monitorRef);
        return SendFrameAsync(ControlMessages.DemonitorP(owner.Self, ResolveTarget(target), monitorRef), null, cancellationToken);
    }

    /// <summary>
    /// Links <paramref name="owner"/> to a remote pid: when either dies the other gets an exit
    /// (ours arrives as <c>{'EXIT', Pid, Reason}</c>, with <c>noconnection</c> if the connection drops).
    /// </summary>
    public async ValueTask LinkAsync(Mailbox owner, ErlPid remote, CancellationToken cancellationToken = default)
    {
        if (!owner.AddLink(remote, this))
        {
            throw new ObjectDisposedException(nameof(Mailbox), "The mailbox is disposed.");
        }

        await SendFrameAsync(ControlMessages.Link(owner.Self, remote), null, cancellationToken).ConfigureAwait(false);
        if (!IsConnected && owner.RemoveLink(remote))
        {
            await owner.DeliverAsync(Erl.Tuple(Atoms.Exit, remote, Atoms.NoConnection), static () => { }).ConfigureAwait(false);
        }
    }

    /// <summary>Removes a link (UNLINK_ID); exits the peer sends before it sees the unlink are ignored.</summary>
    public ValueTask UnlinkAsync(Mailbox owner, ErlPid remote, CancellationToken cancellationToken = default)
    {
        owner.RemoveLink(remote);
        var id = (ulong)Interlocked.Increment(ref _unlinkIds);
        return SendFrameAsync(ControlMessages.UnlinkId(id, owner.Self, remote), null, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        Close("closed locally");
        return ValueTask.CompletedTask;
    }

    /// <summary>A signal that must not fail its sender (replies, DOWNs, acks): dropped when closed.</summary>
    internal async ValueTask SendSignalAsync(ErlTuple control, ErlangTerm? payload)
    {
        if (!IsConnected)
        {
            return;
        }

        await _writer.EnqueueAsync(DistributionMessage.Encode(control, payload), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Sends to a pid of this peer: SEND_SENDER when negotiated, else SEND.</summary>
    internal ValueTask SendToPidAsync(ErlPid from, ErlPid to, ErlangTerm message) =>
        SendSignalAsync(ControlMessages.SendTo(from, to, Negotiated(DistributionFlags.SendSender)), message);

    /// <summary>The Object of a DOWN message: <c>{Name, Node}</c> for a name monitor, else the pid.</summary>
    internal ErlangTerm MonitoredObject(ErlangTerm target) => target is ErlAtom name ? Erl.Tuple(name, RemoteNode) : target;

    internal bool TryCompleteCall(ErlRef reference, ErlangTerm reply)
    {
        if (!_pending.TryGetValue(reference, out var call))
        {
            return false;
        }

        call.Reply(reply);
        return true;
    }

    internal bool TryFailCall(ErlRef reference, ErlangTerm reason)
    {
        if (!_pending.TryGetValue(reference, out var call))
        {
            return false;
        }

        call.Down(reason);
        return true;
    }

    /// <summary>Runs one received packet through parsing and dispatch (the reader's path; tests use it too).</summary>
    internal ValueTask HandlePacketAsync(ReadOnlySpan<byte> packet) => _dispatcher.DispatchAsync(DistributionMessage.Parse(packet));

    /// <summary>Closes the connection once: fails pending calls, tells mailboxes, completes <see cref="Closed"/>.</summary>
    internal void Close(string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        _shutdown.Cancel();
        _writer.Complete();
        foreach (var call in _pending.Values)
        {
            call.ConnectionLost();
        }

        _ = FinishCloseAsync(reason);
    }

    private async Task FinishCloseAsync(string reason)
    {
        try
        {
            // Let queued frames (a last DOWN or reply) go out briefly, then drop the transport.
            await _writer.Completion.WaitAsync(TimeSpan.FromSeconds(1), _timeProvider).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Closing anyway.
        }

        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A broken stream may fail to close; it is gone either way.
        }

        await _node.ConnectionClosedAsync(this).ConfigureAwait(false);
        TransportLog.Closed(_logger, _remoteName, reason);
        _closed.TrySetResult(reason);
    }

    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        var token = _shutdown.Token;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(token).ConfigureAwait(false);
                var buffer = result.Buffer;
                Volatile.Write(ref _lastReadTimestamp, _timeProvider.GetTimestamp());
                try
                {
                    while (FrameReader.TryReadFrame(ref buffer, _options.MaxPacketSize, out var packet))
                    {
                        if (packet.IsEmpty)
                        {
                            OnTick();
                        }
                        else
                        {
                            await HandleAsync(packet).ConfigureAwait(false);
                        }
                    }
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted)
                {
                    Close("the peer closed the connection");
                    return;
                }
            }
        }
        catch (DistributionProtocolException e)
        {
            TransportLog.ProtocolError(_logger, _remoteName, e.Message);
            Close("protocol error: " + e.Message);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Closed by us.
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            Close("connection lost: " + e.Message);
        }
        catch (Exception e)
        {
            // Hostile or unexpected input must never take the process down: drop this connection.
            TransportLog.UnexpectedFailure(_logger, _remoteName, e);
            Close("internal error: " + e.GetType().Name);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private ValueTask HandleAsync(ReadOnlySequence<byte> packet)
    {
        if (packet.IsSingleSegment)
        {
            return HandlePacketAsync(packet.FirstSpan);
        }

        var length = checked((int)packet.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            packet.CopyTo(rented);
            return HandlePacketAsync(rented.AsSpan(0, length));
        }
        finally
        {
            // Safe: the packet is fully decoded before dispatch returns its first await.
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void OnTick()
    {
        if (_options.AnswerTicks)
        {
            _writer.TryEnqueue(OutgoingFrame.Tick);
        }
    }

    // Sends our own ticks when idle and declares the peer dead after PeerTimeout of silence.
    private async Task WatchLoopAsync()
    {
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(10).Ticks, Math.Min(_options.TickInterval.Ticks, _options.PeerTimeout.Ticks) / 4));
        using var timer = new PeriodicTimer(period, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(_shutdown.Token).ConfigureAwait(false))
            {
                var now = _timeProvider.GetTimestamp();
                var silence = _timeProvider.GetElapsedTime(Volatile.Read(ref _lastReadTimestamp), now);
                if (silence >= _options.PeerTimeout)
                {
                    TransportLog.PeerTimeout(_logger, _remoteName, silence.TotalSeconds, _options.PeerTimeout.TotalSeconds);
                    Close($"no data from the peer for {silence.TotalSeconds:0.0} s");
                    return;
                }

                if (_options.AnswerTicks && _timeProvider.GetElapsedTime(_writer.LastWriteTimestamp, now) >= _options.TickInterval)
                {
                    _writer.TryEnqueue(OutgoingFrame.Tick);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closed.
        }
    }

    private async ValueTask SendFrameAsync(ErlTuple control, ErlangTerm? payload, CancellationToken cancellationToken)
    {
        if (!IsConnected)
        {
            return;
        }

        await _writer.EnqueueAsync(DistributionMessage.Encode(control, payload), cancellationToken).ConfigureAwait(false);
    }

    private ErlTuple SendControl(ErlPid from, ErlangTerm target) => target switch
    {
        ErlPid pid => ControlMessages.SendTo(from, pid, Negotiated(DistributionFlags.SendSender)),
        ErlAtom name => ControlMessages.RegSend(from, name),
        _ => throw new ArgumentException($"Cannot send to {target}: expected a pid, a registered name or {{Name, Node}}.", nameof(target)),
    };

    // {Name, Node} names the process on this connection's node; the name alone is what goes on the wire.
    private ErlangTerm ResolveTarget(ErlangTerm target) => target switch
    {
        ErlPid or ErlAtom => target,
        ErlTuple { Arity: 2 } t when t[0] is ErlAtom name && t[1] is ErlAtom node =>
            node.Equals(RemoteNode) ? name : throw new ArgumentException($"{target} is on another node than {RemoteNode}.", nameof(target)),
        _ => throw new ArgumentException($"Cannot address {target}: expected a pid, a registered name or {{Name, Node}}.", nameof(target)),
    };
}
