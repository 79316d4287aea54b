using System.Diagnostics;
using EsdbGater.TestKit;
using EsdbGater.TestKit.ExesdbDev;

namespace EsdbGater.Transport.Tests.DevNode;

/// <summary>The development-cluster fixture itself: nodes become ready, restart, and leave no process behind.</summary>
public sealed class DevClusterSmokeTests
{
    [Theory]
    [InlineData(BeamRuntime.Otp25Host)]
    [InlineData(BeamRuntime.Otp27Chroot)]
    public async Task Two_nodes_report_ready_share_the_store_and_disposal_stops_every_process(BeamRuntime runtime)
    {
        var cluster = await DevCluster.StartAsync(new DevClusterOptions { NodeCount = 2, Runtime = runtime });
        List<int> pids;
        try
        {
            Assert.Equal(2, cluster.Nodes.Count);
            foreach (var node in cluster.Nodes)
            {
                Assert.True(node.IsRunning);
                Assert.StartsWith(node.Alive + "@", node.NodeName, StringComparison.Ordinal);
                Assert.Equal(node.DistributionPort, node.Ready!.DistributionPort);
                Assert.Equal(cluster.EpmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture), node.Ready.Fields["epmd_port"]);
                Assert.Equal(runtime == BeamRuntime.Otp27Chroot ? "27" : "25", node.Ready.Fields["otp"]);
            }

            // The node that joined the other one saw it running when it became ready.
            Assert.Contains(cluster.Nodes, n => n.Ready!.Fields["running_peers"].Split(',').Intersect(cluster.NodeNames).Any());
            pids = [.. cluster.Nodes.Select(n => n.ProcessId), cluster.Epmd.ProcessId];
        }
        finally
        {
            await cluster.DisposeAsync();
        }

        Assert.All(pids, pid => Assert.False(IsAlive(pid), $"process {pid} still runs after disposal"));
    }

    [Fact]
    public async Task A_killed_node_restarts_under_its_name_and_rejoins()
    {
        await using var cluster = await DevCluster.StartAsync(new DevClusterOptions { NodeCount = 2 });
        var node = cluster.Nodes[1];
        var name = node.NodeName;
        var firstPid = node.ProcessId;

        await node.KillAsync();
        Assert.NotEqual(0, await node.Exited);
        Assert.False(IsAlive(firstPid));

        await node.RestartAsync();
        Assert.True(node.IsRunning);
        Assert.NotEqual(firstPid, node.ProcessId);
        Assert.Equal(name, node.NodeName);
        Assert.Contains(cluster.Nodes[0].NodeName, node.Ready!.Fields["running_peers"].Split(','));
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
