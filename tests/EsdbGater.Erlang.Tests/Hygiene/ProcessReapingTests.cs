using System.Diagnostics;
using EsdbGater.TestKit.Processes;

namespace EsdbGater.Erlang.Tests.Hygiene;

/// <summary>Zombies count as gone, and the children the test kit stops are reaped, their watchers too.</summary>
public sealed class ProcessReapingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_zombie_counts_as_gone_though_it_is_still_in_the_table()
    {
        // bash forks a child, then becomes `sleep`, which never reaps; the child exits only once
        // its parent is `sleep` ($$ names the parent in a subshell), so bash cannot reap it first.
        const string script = "(until [[ $(</proc/$$/comm) == sleep ]]; do :; done) & echo $!; exec sleep 60";
        var start = new ProcessStartInfo("/bin/bash", ["-c", script]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        await using var parent = ManagedProcess.Start(start, "parent of a zombie");
        var zombie = int.Parse(await parent.WaitForLineAsync(line => line.Length > 0, Patience), System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(await ProcessTable.WaitUntilGoneAsync(zombie, startTime: null, Patience), $"{zombie} still runs");

        Assert.Equal('Z', ProcessTable.Read(zombie)?.State);
        Assert.False(ProcessTable.IsGone(parent.ProcessId));
    }

    [Fact]
    public async Task A_stopped_child_and_its_watcher_leave_no_zombie()
    {
        var child = ManagedProcess.Start(new ProcessStartInfo("/bin/sleep", ["60"]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true }, "sleep");
        var watcher = child.WatcherProcessId ?? throw new InvalidOperationException("no watcher");
        var childStart = ProcessTable.StartTime(child.ProcessId) ?? throw new InvalidOperationException("no child");
        var watcherStart = ProcessTable.StartTime(watcher) ?? throw new InvalidOperationException("no watcher process");

        await child.DisposeAsync();

        Assert.True(ProcessTable.IsReaped(child.ProcessId, childStart), $"child: {ProcessTable.Read(child.ProcessId)}");
        Assert.True(ProcessTable.IsReaped(watcher, watcherStart), $"watcher: {ProcessTable.Read(watcher)}");
    }
}
