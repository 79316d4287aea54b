using EsdbGater.Host.Pool;
using EsdbGater.Host.Tests.Fakes;

namespace EsdbGater.Host.Tests.Pool;

public sealed class WorkerPoolTests
{
    [Fact]
    public async Task Without_workers_the_pool_answers_NoWorkers_after_its_bounded_wait_not_before()
    {
        var cluster = new TestCluster();
        cluster.PoolOptions.NoWorkersWait = TimeSpan.FromSeconds(2);
        var acquiring = cluster.Pool().AcquireBalancedAsync("reg_gh", CancellationToken.None);

        cluster.Time.Advance(TimeSpan.FromMilliseconds(1900));
        await Task.Yield();
        Assert.False(acquiring.IsCompleted);

        cluster.Time.Advance(TimeSpan.FromMilliseconds(100));
        var error = await Assert.ThrowsAsync<NoWorkersException>(() => acquiring);
        Assert.Equal("reg_gh", error.Store);
        Assert.Contains("'reg_gh'", error.Message);
    }

    [Fact]
    public async Task A_worker_appearing_during_the_wait_serves_the_request()
    {
        var cluster = new TestCluster();
        var acquiring = cluster.Pool().AcquireOwnerAsync("reg_gh", "order-1", CancellationToken.None);
        Assert.False(acquiring.IsCompleted);

        cluster.AddNode("late@host");

        using var lease = await acquiring.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("late@host", lease.NodeName);
    }

    [Fact]
    public async Task Workers_of_another_store_do_not_count()
    {
        var cluster = new TestCluster();
        cluster.PoolOptions.NoWorkersWait = TimeSpan.Zero;
        cluster.AddNode("a@host", "other");

        await Assert.ThrowsAsync<NoWorkersException>(() => cluster.Pool().AcquireBalancedAsync("reg_gh", CancellationToken.None));
    }

    [Fact]
    public async Task A_lease_counts_as_load_until_disposed()
    {
        var cluster = new TestCluster();
        cluster.AddNode("a@host");
        var lease = await cluster.Pool().AcquireBalancedAsync("reg_gh", CancellationToken.None);
        Assert.Equal(1, cluster.Load.Of("a@host"));

        lease.Dispose();
        lease.Dispose();
        Assert.Equal(0, cluster.Load.Of("a@host"));
    }

    [Fact]
    public async Task An_alternative_is_on_another_node_when_there_is_one()
    {
        var cluster = new TestCluster();
        cluster.AddNode("a@host");
        cluster.AddNode("b@host");
        var pool = cluster.Pool();
        using var first = await pool.AcquireBalancedAsync("reg_gh", CancellationToken.None);

        using var second = pool.TryAcquireAlternative("reg_gh", first);

        Assert.NotNull(second);
        Assert.NotEqual(first.NodeName, second.NodeName);
    }

    [Fact]
    public async Task An_alternative_is_another_worker_of_the_same_node_or_none()
    {
        var cluster = new TestCluster();
        var node = cluster.AddNode("a@host");
        var pool = cluster.Pool();
        using var only = await pool.AcquireBalancedAsync("reg_gh", CancellationToken.None);
        Assert.Null(pool.TryAcquireAlternative("reg_gh", only));

        node.Workers.Add(new("reg_gh", "a@host", "<a.second>"));
        cluster.Publish(node);
        using var second = pool.TryAcquireAlternative("reg_gh", only);
        Assert.NotNull(second);
        Assert.NotEqual(only.Worker, second.Worker);
    }
}
