using EsdbGater.Discovery.Gossip.Diagnostics;
using EsdbGater.Gossip.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static EsdbGater.Gossip.Tests.Support.LibclusterHeartbeat;

namespace EsdbGater.Gossip.Tests.Diagnostics;

/// <summary>Ignored datagrams are summarised at most once a minute, with counts only.</summary>
public sealed class IgnoredDatagramLogTests
{
    private const string Secret = "the-cluster-secret-value";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly CapturingLoggerFactory _logs = new();

    [Fact]
    public async Task A_flood_of_junk_gives_one_summary_per_minute()
    {
        await using var discovery = TestGossip.Create(secret: Secret, time: _time, logs: _logs);

        for (var i = 0; i < 500; i++)
        {
            discovery.Feed(Junk(i));
        }

        var first = Assert.Single(Summaries());
        Assert.Contains("ignored 1 datagrams", first.Message, StringComparison.Ordinal);

        _time.Advance(IgnoredDatagramLog.Interval);
        discovery.Feed(Junk(500));

        Assert.Equal(2, Summaries().Count);
        Assert.Contains("ignored 500 datagrams", Summaries()[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Housekeeping_writes_a_summary_that_is_due_and_stays_silent_when_nothing_was_ignored()
    {
        await using var discovery = TestGossip.Create(secret: Secret, time: _time, logs: _logs);
        await discovery.StartAsync(CancellationToken.None);
        discovery.Feed(Junk(0));
        discovery.Feed(Junk(1));
        Assert.Single(Summaries());

        _time.Advance(IgnoredDatagramLog.Interval + TimeSpan.FromSeconds(5));
        Assert.Equal(2, Summaries().Count);

        _time.Advance(IgnoredDatagramLog.Interval * 3);
        Assert.Equal(2, Summaries().Count);
    }

    [Fact]
    public async Task Summaries_count_by_reason_and_hint_at_the_secret_without_revealing_it()
    {
        await using var discovery = TestGossip.Create(secret: Secret, time: _time, logs: _logs);
        var decryptedGarbage = "SECRET-LOOKING PLAINTEXT";

        discovery.Feed(Encrypt(Secret, new byte[16], System.Text.Encoding.UTF8.GetBytes(decryptedGarbage)));
        discovery.Feed(Encrypted("another-secret", "a@127.0.0.1"));
        discovery.Feed(Plain(NodeMap("a@127.0.0.1")));
        _time.Advance(IgnoredDatagramLog.Interval);
        discovery.Feed(Plain(NodeMap("a@127.0.0.1")));

        var summary = Summaries()[^1];
        Assert.Equal(LogLevel.Warning, summary.Level);
        Assert.Contains("NotCiphertext=2", summary.Message, StringComparison.Ordinal);
        Assert.Contains("EX_ESDB_CLUSTER_SECRET", summary.Message, StringComparison.Ordinal);
        Assert.All(_logs.Entries, e =>
        {
            Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(decryptedGarbage, e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Working_heartbeats_next_to_foreign_traffic_are_information_not_a_warning()
    {
        await using var discovery = TestGossip.Create(time: _time, logs: _logs);
        discovery.Feed(Plain(NodeMap("a@127.0.0.1")));
        discovery.Feed(Junk(0));

        Assert.Equal(LogLevel.Information, Assert.Single(Summaries()).Level);
    }

    private static byte[] Junk(int i) => System.Text.Encoding.ASCII.GetBytes($"junk datagram {i}");

    private List<CapturingLoggerFactory.LogEntry> Summaries() =>
        _logs.Entries.Where(e => e.Message.StartsWith("Gossip ignored", StringComparison.Ordinal)).ToList();
}
