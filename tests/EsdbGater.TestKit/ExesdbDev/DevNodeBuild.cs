using System.Collections.Concurrent;
using System.Diagnostics;
using EsdbGater.TestKit.Beam;
using EsdbGater.TestKit.Processes;

namespace EsdbGater.TestKit.ExesdbDev;

/// <summary>
/// Compiles the development node once per test process and runtime (<c>bin/compile</c>, which
/// also holds a file lock, so test processes running side by side never compile at once).
/// Node starts never compile.
/// </summary>
public static class DevNodeBuild
{
    private static readonly ConcurrentDictionary<BeamRuntime, Lazy<Task>> Builds = new();

    /// <summary>compose/exesdb-dev in this repository.</summary>
    public static string ProjectDirectory => Path.Combine(Otp27Root.RepositoryRoot, "compose", "exesdb-dev");

    /// <summary>The node launcher, <c>bin/exesdb-dev</c>.</summary>
    public static string Launcher => Path.Combine(ProjectDirectory, "bin", "exesdb-dev");

    /// <summary>Completes when the node is compiled for <paramref name="runtime"/>; a failed build fails every caller with its output.</summary>
    public static Task EnsureCompiledAsync(BeamRuntime runtime) =>
        Builds.GetOrAdd(runtime, r => new Lazy<Task>(() => CompileAsync(r))).Value;

    private static async Task CompileAsync(BeamRuntime runtime)
    {
        if (runtime == BeamRuntime.Otp27Chroot)
        {
            BeamCommand.RequireOtp27Root();
        }

        var start = new ProcessStartInfo(Path.Combine(ProjectDirectory, "bin", "compile"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--runtime");
        start.ArgumentList.Add(RuntimeArgument(runtime));
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment["LC_ALL"] = "C.UTF-8";

        await using var compile = ManagedProcess.Start(start, $"exesdb_dev compile ({runtime})");
        var exitCode = await compile.WaitForExitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"Compiling exesdb_dev ({runtime}) failed with exit code {exitCode}:\n{compile.Output}");
        }
    }

    internal static string RuntimeArgument(BeamRuntime runtime) => runtime == BeamRuntime.Otp27Chroot ? "otp27" : "host";
}
