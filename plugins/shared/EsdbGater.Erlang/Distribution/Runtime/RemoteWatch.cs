using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Distribution.Runtime;

/// <summary>A remote process's monitor on one of our processes (MONITOR_P we received).</summary>
/// <param name="Connection">The connection it came over; DOWN goes back the same way.</param>
/// <param name="Watcher">The remote pid that monitors us.</param>
/// <param name="Reference">Its monitor reference.</param>
/// <param name="MonitoredAs">What it monitored: our pid, or our registered name (DOWN echoes it).</param>
internal sealed record RemoteWatch(NodeConnection Connection, ErlPid Watcher, ErlRef Reference, ErlangTerm MonitoredAs);

/// <summary>One of our monitors on a remote process (MONITOR_P we sent).</summary>
internal sealed record LocalMonitor(NodeConnection Connection, ErlangTerm Target, ErlRef Reference);
