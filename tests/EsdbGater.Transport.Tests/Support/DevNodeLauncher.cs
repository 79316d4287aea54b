using System.Diagnostics;
using System.Globalization;
using EsdbGater.TestKit;
using EsdbGater.TestKit.Beam;

namespace EsdbGater.Transport.Tests.Support;

/// <summary>
/// Starts one ExESDB development node (compose/exesdb-dev, bin/exesdb-dev) on loopback with a
/// private EPMD, for the transport's integration tests. Temporary: to be replaced by the dev
/// node helper's TestKit fixture once it lands.
/// </summary>
internal sealed class DevNodeLauncher : IAsyncDisposable
{
    private readonly EpmdDaemon _epmd;
    private readonly ManagedProcess _process;
    private readonly RuntimeDirectory _data;

    private DevNodeLauncher(EpmdDaemon epmd, ManagedProcess process, RuntimeDirectory data, string cookie)
    {
        _epmd = epmd;
        _process = process;
        _data = data;
        Cookie = cookie;
    }

    public string NodeName { get; private set; } = "";

    public string Host => NodeName[(NodeName.IndexOf('@', StringComparison.Ordinal) + 1)..];

    public int EpmdPort => _epmd.Port;

    public string Cookie { get; }

    public OutputLog Output => _process.Output;

    public static async Task<DevNodeLauncher> StartAsync(BeamRuntime runtime, string emitterMode = "started", string stores = "reg_gh")
    {
        var epmd = await EpmdDaemon.StartAsync(runtime);
        var data = RuntimeDirectory.Create(runtime, "esdbgater-devnode");
        var cookie = "devnode_" + Guid.NewGuid().ToString("N")[..12];
        var script = Path.Combine(Otp27Root.RepositoryRoot, "compose", "exesdb-dev", "bin", "exesdb-dev");
        var start = new ProcessStartInfo(script)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        string[] args =
        [
            "--runtime", runtime == BeamRuntime.Otp27Chroot ? "otp27" : "host",
            "--sname", "devnode_" + Guid.NewGuid().ToString("N")[..8],
            "--stores", stores,
            "--epmd-port", epmd.Port.ToString(CultureInfo.InvariantCulture),
            "--dist-port", LocalPorts.Next().ToString(CultureInfo.InvariantCulture),
            "--data-dir", data.HostPath,
            "--storage", "ram",
            "--emitter-mode", emitterMode,
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["EX_ESDB_COOKIE"] = cookie;
        start.Environment["ERL_EPMD_PORT"] = epmd.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment["LC_ALL"] = "C.UTF-8";
        var process = ManagedProcess.Start(start, "exesdb_dev node");
        var launcher = new DevNodeLauncher(epmd, process, data, cookie);
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            var ready = process.Output.WaitForLineAsync(l => l.StartsWith("exesdb_dev ready ", StringComparison.Ordinal), deadline.Token);
            if (await Task.WhenAny(ready, process.Exited) != ready)
            {
                throw new InvalidOperationException($"exesdb_dev exited before it was ready:\n{process.Output}");
            }

            var line = await ready;
            launcher.NodeName = line.Split(' ').First(p => p.StartsWith("node=", StringComparison.Ordinal))["node=".Length..];
            return launcher;
        }
        catch
        {
            await launcher.DisposeAsync();
            throw;
        }
    }

    public Task KillAsync() => _process.KillAsync();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        await _epmd.DisposeAsync();
        _data.Dispose();
    }
}
