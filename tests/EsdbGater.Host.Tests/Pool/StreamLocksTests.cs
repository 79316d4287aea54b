using EsdbGater.Host.Pool;

namespace EsdbGater.Host.Tests.Pool;

public sealed class StreamLocksTests
{
    [Fact]
    public async Task Appends_to_one_stream_take_turns_and_other_streams_do_not_wait()
    {
        var locks = new StreamLocks();
        var first = await locks.AcquireAsync("reg_gh", "s1", CancellationToken.None);
        var second = locks.AcquireAsync("reg_gh", "s1", CancellationToken.None);
        var other = locks.AcquireAsync("reg_gh", "s2", CancellationToken.None);

        Assert.False(second.IsCompleted);
        Assert.True(other.IsCompletedSuccessfully);

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        (await other).Dispose();
        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_no_entry_behind()
    {
        var locks = new StreamLocks();
        var held = await locks.AcquireAsync("reg_gh", "s1", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = locks.AcquireAsync("reg_gh", "s1", cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Dispose();

        Assert.Equal(0, locks.Count);
    }
}
