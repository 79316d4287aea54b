using System.Text.Json;
using EsdbGater.Contracts;
using EsdbGater.Plugins.Transport;

namespace EsdbGater.Host.Tests.Fakes;

/// <summary>
/// The streams and snapshots behind fake nodes, with ExESDB's append semantics: 0-based numbers,
/// -1 for no events, expected version checked against the current version.
/// </summary>
internal sealed class FakeStreamStore
{
    private readonly Dictionary<string, List<RecordedEvent>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string, long), Snapshot> _snapshots = [];
    private readonly Lock _gate = new();

    public long VersionOf(string stream)
    {
        lock (_gate)
        {
            return _streams.TryGetValue(stream, out var events) ? events.Count - 1 : -1;
        }
    }

    public IReadOnlyList<RecordedEvent> Events(string stream)
    {
        lock (_gate)
        {
            return _streams.TryGetValue(stream, out var events) ? [.. events] : [];
        }
    }

    public AppendOutcome Append(string stream, ExpectedVersion expected, IReadOnlyList<EventData> events, int? stopAfter = null)
    {
        lock (_gate)
        {
            var current = VersionOf(stream);
            var ok = expected.IsAny || (expected.IsStreamExists ? current >= 0 : expected.Value == current);
            if (!ok)
            {
                return new AppendConflict(current);
            }

            if (!_streams.TryGetValue(stream, out var list))
            {
                list = [];
                _streams[stream] = list;
            }

            foreach (var e in events.Take(stopAfter ?? events.Count))
            {
                list.Add(new RecordedEvent(stream, list.Count, e.EventId.ToString(), e.EventType, e.Data, e.Metadata, e.ContentType, DateTimeOffset.UnixEpoch));
            }

            return new AppendSucceeded(list.Count - 1);
        }
    }

    public IReadOnlyList<RecordedEvent> Read(string stream, long start, int count, ReadDirection direction)
    {
        var events = Events(stream);
        var numbers = direction == ReadDirection.Forward
            ? Enumerable.Range(0, count).Select(i => start + i)
            : Enumerable.Range(0, count).Select(i => start - i);
        return [.. numbers.Where(n => n >= 0 && n < events.Count).Select(n => events[(int)n])];
    }

    public void Put(Snapshot snapshot)
    {
        lock (_gate)
        {
            _snapshots[(snapshot.Key.SourceUuid, snapshot.Key.StreamUuid, snapshot.Key.Version)] = snapshot;
        }
    }

    public Snapshot? Get(SnapshotKey key)
    {
        lock (_gate)
        {
            return _snapshots.GetValueOrDefault((key.SourceUuid, key.StreamUuid, key.Version));
        }
    }

    public void Delete(SnapshotKey key)
    {
        lock (_gate)
        {
            _snapshots.Remove((key.SourceUuid, key.StreamUuid, key.Version));
        }
    }

    public static EventData NewEvent(string type = "thing_happened:v1", string json = """{"n":1}""") =>
        new(Guid.NewGuid(), type, JsonDocument.Parse(json).RootElement.Clone());
}
