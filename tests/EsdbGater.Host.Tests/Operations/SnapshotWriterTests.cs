using System.Text.Json;
using EsdbGater.Contracts;
using EsdbGater.Host.Operations;
using EsdbGater.Host.Tests.Fakes;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Tests.Operations;

public sealed class SnapshotWriterTests
{
    private static readonly SnapshotKey Key = new("account-1", "accounts", 3);
    private readonly TestCluster _cluster = new();
    private readonly FakeExesdbNode _node;

    public SnapshotWriterTests()
    {
        _node = _cluster.AddNode("a@host");
        _cluster.PoolOptions.CastConfirmTimeout = TimeSpan.FromMilliseconds(300);
    }

    [Fact]
    public async Task A_recorded_snapshot_is_confirmed_by_reading_it_back()
    {
        var answer = await Writer().RecordAsync(new RecordSnapshot("reg_gh", Snapshot()), Budget(), CancellationToken.None);

        Assert.Equal(new SnapshotRecorded("reg_gh", Key), answer);
        Assert.Equal(["record_snapshot", "read_snapshot"], _node.Calls);
        Assert.NotNull(_cluster.Store.Get(Key)?.Created);
    }

    [Fact]
    public async Task A_cast_that_never_takes_effect_is_a_Timeout_not_a_success()
    {
        _node.DropCasts = true;

        var answer = await Writer().RecordAsync(new RecordSnapshot("reg_gh", Snapshot()), Budget(), CancellationToken.None);

        var error = Assert.IsType<GatewayError>(answer);
        Assert.Equal(GatewayErrorCode.Timeout, error.Code);
        Assert.Contains("read_snapshot", _node.Calls);
        Assert.Null(_cluster.Store.Get(Key));
    }

    [Fact]
    public async Task A_deleted_snapshot_is_confirmed_gone()
    {
        _cluster.Store.Put(Snapshot());

        var answer = await Writer().DeleteAsync(new DeleteSnapshot("reg_gh", Key), Budget(), CancellationToken.None);

        Assert.Equal(new SnapshotDeleted("reg_gh", Key), answer);
        Assert.Null(_cluster.Store.Get(Key));
    }

    private SnapshotWriter Writer() => new(_cluster.Pool(), Options.Create(_cluster.PoolOptions), TimeProvider.System);

    private static RequestBudget Budget() => RequestBudget.Unbounded(TimeProvider.System);

    private static Snapshot Snapshot() => new(Key, "account:v1", JsonDocument.Parse("""{"balance":5}""").RootElement.Clone(), null, null);
}
