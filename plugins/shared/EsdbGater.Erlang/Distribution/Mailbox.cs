using System.Threading.Channels;
using EsdbGater.Erlang.Distribution.Protocol;
using EsdbGater.Erlang.Distribution.Runtime;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Distribution;

/// <summary>
/// A pid of ours. Messages sent to it (by pid, or by its registered name) arrive in
/// <see cref="Messages"/>, as do monitor DOWNs (<c>{'DOWN', Ref, process, Object, Reason}</c>),
/// link exits and exit signals (<c>{'EXIT', From, Reason}</c>: a mailbox behaves like a process
/// that traps exits). Disposing it is the process's death: remote monitors get DOWN and links
/// get an exit, with reason <c>normal</c>; its own monitors are demonitored.
/// </summary>
public sealed class Mailbox : IAsyncDisposable
{
    private readonly ErlangNode _node;
    private readonly Channel<ErlangTerm> _messages;
    private readonly int _capacity;
    private readonly Lock _gate = new();
    private readonly List<RemoteWatch> _watchers = [];
    private readonly Dictionary<ErlPid, NodeConnection> _links = [];
    private readonly Dictionary<ErlRef, LocalMonitor> _monitors = [];
    private bool _disposed;

    internal Mailbox(ErlangNode node, ErlPid self, ErlAtom? registeredName, int capacity)
    {
        _node = node;
        _capacity = capacity;
        Self = self;
        RegisteredName = registeredName;
        _messages = Channel.CreateBounded<ErlangTerm>(new BoundedChannelOptions(capacity)
        {
            SingleWriter = false,
            SingleReader = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ErlPid Self { get; }

    public ErlAtom? RegisteredName { get; }

    /// <summary>
    /// Incoming messages, in arrival order per connection. Bounded by
    /// <see cref="ErlangNodeOptions.MailboxCapacity"/>: when full, reading from the sending
    /// connection pauses until the mailbox drains (back-pressure, nothing is dropped).
    /// Completes when the mailbox is disposed.
    /// </summary>
    public ChannelReader<ErlangTerm> Messages => _messages.Reader;

    internal async ValueTask DeliverAsync(ErlangTerm message, Action onFull)
    {
        if (_messages.Writer.TryWrite(message))
        {
            return;
        }

        if (_messages.Reader.Completion.IsCompleted)
        {
            return;
        }

        onFull();
        try
        {
            await _messages.Writer.WriteAsync(message).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Disposed while we waited: a dead process's mail is dropped, as in Erlang.
        }
    }

    internal int Capacity => _capacity;

    /// <summary>Records a remote monitor on us; false when we are already dead (the caller answers noproc).</summary>
    internal bool AddWatcher(RemoteWatch watch)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            _watchers.Add(watch);
            return true;
        }
    }

    internal void RemoveWatcher(NodeConnection connection, ErlRef reference)
    {
        lock (_gate)
        {
            _watchers.RemoveAll(w => ReferenceEquals(w.Connection, connection) && w.Reference.Equals(reference));
        }
    }

    internal bool AddLink(ErlPid remote, NodeConnection connection)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            _links[remote] = connection;
            return true;
        }
    }

    internal bool RemoveLink(ErlPid remote)
    {
        lock (_gate)
        {
            return _links.Remove(remote);
        }
    }

    internal bool AddMonitor(LocalMonitor monitor)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            _monitors[monitor.Reference] = monitor;
            return true;
        }
    }

    internal bool RemoveMonitor(ErlRef reference)
    {
        lock (_gate)
        {
            return _monitors.Remove(reference);
        }
    }

    /// <summary>
    /// The connection is gone: its monitors on us are void, and our links and monitors over it
    /// end with <c>noconnection</c>, exactly as a BEAM process sees a nodedown.
    /// </summary>
    internal async ValueTask ConnectionLostAsync(NodeConnection connection)
    {
        List<ErlPid> brokenLinks;
        List<LocalMonitor> brokenMonitors;
        lock (_gate)
        {
            _watchers.RemoveAll(w => ReferenceEquals(w.Connection, connection));
            brokenLinks = [.. _links.Where(l => ReferenceEquals(l.Value, connection)).Select(l => l.Key)];
            foreach (var pid in brokenLinks)
            {
                _links.Remove(pid);
            }

            brokenMonitors = [.. _monitors.Values.Where(m => ReferenceEquals(m.Connection, connection))];
            foreach (var monitor in brokenMonitors)
            {
                _monitors.Remove(monitor.Reference);
            }
        }

        foreach (var pid in brokenLinks)
        {
            await DeliverAsync(Erl.Tuple(Atoms.Exit, pid, Atoms.NoConnection), static () => { }).ConfigureAwait(false);
        }

        foreach (var monitor in brokenMonitors)
        {
            await DeliverAsync(DownMessage(monitor.Reference, connection.MonitoredObject(monitor.Target), Atoms.NoConnection), static () => { }).ConfigureAwait(false);
        }
    }

    internal static ErlTuple DownMessage(ErlRef reference, ErlangTerm monitoredObject, ErlangTerm reason) =>
        Erl.Tuple(Atoms.Down, reference, Atoms.Process, monitoredObject, reason);

    public async ValueTask DisposeAsync()
    {
        List<RemoteWatch> watchers;
        List<KeyValuePair<ErlPid, NodeConnection>> links;
        List<LocalMonitor> monitors;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            watchers = [.. _watchers];
            links = [.. _links];
            monitors = [.. _monitors.Values];
            _watchers.Clear();
            _links.Clear();
            _monitors.Clear();
        }

        _node.Forget(this);
        _messages.Writer.TryComplete();

        // Our death, told to everyone who asked: DOWN to watchers, EXIT along links.
        foreach (var watch in watchers)
        {
            var (control, payload) = ControlMessages.Down(watch.MonitoredAs, watch.Watcher, watch.Reference, Atoms.Normal, watch.Connection.Negotiated(Handshake.DistributionFlags.ExitPayload));
            await watch.Connection.SendSignalAsync(control, payload).ConfigureAwait(false);
        }

        foreach (var (remote, connection) in links)
        {
            var (control, payload) = ControlMessages.Exit(Self, remote, Atoms.Normal, connection.Negotiated(Handshake.DistributionFlags.ExitPayload));
            await connection.SendSignalAsync(control, payload).ConfigureAwait(false);
        }

        foreach (var monitor in monitors)
        {
            await monitor.Connection.SendSignalAsync(ControlMessages.DemonitorP(Self, monitor.Target, monitor.Reference), null).ConfigureAwait(false);
        }
    }
}
