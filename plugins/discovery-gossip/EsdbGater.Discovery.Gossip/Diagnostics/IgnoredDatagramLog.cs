using EsdbGater.Discovery.Gossip.Heartbeats;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Discovery.Gossip.Diagnostics;

/// <summary>
/// Logs what the gossip port ignored as one summary at most once per <see cref="Interval"/>,
/// never per datagram: the port is shared and may carry anyone's traffic. The summary has counts
/// by reason only, never datagram contents.
/// </summary>
internal sealed class IgnoredDatagramLog
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly GossipStatistics _statistics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly bool _secretConfigured;
    private readonly Lock _gate = new();
    private readonly Dictionary<IgnoreReason, long> _loggedSoFar = [];
    private long _acceptedSoFar;
    private long _nextDueTicks = long.MinValue;
    private Exception? _lastFault;

    public IgnoredDatagramLog(GossipStatistics statistics, ILogger logger, TimeProvider time, bool secretConfigured)
    {
        _statistics = statistics;
        _logger = logger;
        _time = time;
        _secretConfigured = secretConfigured;
    }

    /// <summary>Remembers an unexpected failure, so the next summary can show it.</summary>
    public void RecordFault(Exception fault) => Volatile.Write(ref _lastFault, fault);

    /// <summary>Writes a summary when one is due and something was ignored since the last one.</summary>
    public void LogIfDue()
    {
        var now = _time.GetUtcNow().UtcTicks;
        if (now < Volatile.Read(ref _nextDueTicks))
        {
            return;
        }

        lock (_gate)
        {
            if (now < _nextDueTicks)
            {
                return;
            }

            var ignored = new Dictionary<IgnoreReason, long>();
            foreach (var (reason, total) in _statistics.IgnoredByReason())
            {
                var since = total - _loggedSoFar.GetValueOrDefault(reason);
                if (since > 0)
                {
                    ignored[reason] = since;
                }

                _loggedSoFar[reason] = total;
            }

            if (ignored.Count == 0)
            {
                return;
            }

            var accepted = _statistics.HeartbeatsAccepted;
            var acceptedSince = accepted - _acceptedSoFar;
            _acceptedSoFar = accepted;
            Volatile.Write(ref _nextDueTicks, now + Interval.Ticks);
            Write(ignored, acceptedSince, Interlocked.Exchange(ref _lastFault, null));
        }
    }

    private void Write(Dictionary<IgnoreReason, long> ignored, long acceptedSince, Exception? fault)
    {
        var count = ignored.Values.Sum();
        var reasons = string.Join(", ", ignored.Select(p => $"{p.Key}={p.Value}"));
        var hint = Hint(ignored);

        // Nothing accepted at all means discovery is blind, which deserves a warning; foreign
        // traffic next to working heartbeats is merely information.
        var level = acceptedSince == 0 || fault is not null ? LogLevel.Warning : LogLevel.Information;
        _logger.Log(
            level,
            fault,
            "Gossip ignored {IgnoredCount} datagrams ({IgnoredReasons}) and accepted {AcceptedCount} heartbeats since the last summary{Hint}",
            count,
            reasons,
            acceptedSince,
            hint);
    }

    private string Hint(Dictionary<IgnoreReason, long> ignored)
    {
        if (_secretConfigured && (ignored.ContainsKey(IgnoreReason.DecryptionFailed) || ignored.ContainsKey(IgnoreReason.NotCiphertext)))
        {
            return "; datagrams that do not decrypt usually mean the cluster uses another EX_ESDB_CLUSTER_SECRET, or none";
        }

        if (!_secretConfigured && ignored.ContainsKey(IgnoreReason.NoHeartbeatPrefix))
        {
            return "; if the cluster encrypts its heartbeats, set EX_ESDB_CLUSTER_SECRET";
        }

        return string.Empty;
    }
}
