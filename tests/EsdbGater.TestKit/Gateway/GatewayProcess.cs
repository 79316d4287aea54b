using System.Diagnostics;
using EsdbGater.TestKit.Processes;

namespace EsdbGater.TestKit.Gateway;

/// <summary>
/// The gateway host as a real process (the built <c>EsdbGater.Host.dll</c> with its plugins folder),
/// configured by environment variables only, as in production. Ready when it logs
/// <c>EsdbGater ready</c>; stopped by its PID (SIGTERM, then SIGKILL).
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    public const string ReadyLine = "EsdbGater ready";

    private static readonly string[] Inherited = ["PATH", "HOME", "DOTNET_ROOT", "TMPDIR", "LANG"];
    private readonly ManagedProcess _process;
    private int _disposed;

    private GatewayProcess(ManagedProcess process) => _process = process;

    public int ProcessId => _process.ProcessId;

    /// <summary>Everything the gateway printed so far.</summary>
    public string Output => _process.Output.Text;

    /// <summary>The built host's folder (host/EsdbGater.Host/bin/&lt;configuration&gt;/net10.0).</summary>
    public static string HostDirectory
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(Otp27Root.RepositoryRoot, "host/EsdbGater.Host/bin", configuration, "net10.0");
        }
    }

    /// <summary>Starts the host with exactly <paramref name="environment"/> (plus PATH and HOME) and waits for its ready line.</summary>
    public static async Task<GatewayProcess> StartAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var directory = HostDirectory;
        var dll = Path.Combine(directory, "EsdbGater.Host.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build host/EsdbGater.Host first.");
        }

        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Clear();
        foreach (var name in Inherited)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var gateway = new GatewayProcess(ManagedProcess.Start(start, "gateway host"));
        using var wait = new CancellationTokenSource(timeout);
        var ready = gateway._process.Output.WaitForLineAsync(line => line.Contains(ReadyLine, StringComparison.Ordinal), wait.Token);
        var finished = await Task.WhenAny(ready, gateway._process.Exited, Task.Delay(Timeout.Infinite, wait.Token)).ConfigureAwait(false);
        if (finished != ready || !ready.IsCompletedSuccessfully)
        {
            var output = gateway.Output;
            await gateway.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"The gateway was not ready within {timeout.TotalSeconds:0} s (exited: {gateway._process.HasExited}). Its output:\n{output}");
        }

        return gateway;
    }

    /// <summary>Stops the process; later calls do nothing.</summary>
    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _disposed, 1) == 0 ? _process.DisposeAsync() : ValueTask.CompletedTask;
}
