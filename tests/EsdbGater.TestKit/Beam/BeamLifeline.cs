using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace EsdbGater.TestKit.Beam;

/// <summary>
/// The watchdog every BEAM node of the test kit carries (<c>Beam/erlang/esdbgater_lifeline.erl</c>):
/// started with <c>-s esdbgater_lifeline</c>, it halts the node when the node's standard input, a
/// pipe only the test process holds, reaches end of file, so a node ends with the test process
/// even when that one is killed outright. Compiled by each runtime's own erlc into a directory
/// named by the source's hash under the runtime's /tmp, which later test processes reuse.
/// </summary>
internal static class BeamLifeline
{
    public const string Module = "esdbgater_lifeline";

    private static readonly ConcurrentDictionary<BeamRuntime, Lazy<Task<IReadOnlyList<string>>>> Arguments = new();

    /// <summary>The erl arguments that load and start the watchdog: <c>-pa DIR -s esdbgater_lifeline</c> (no spaces inside any).</summary>
    public static Task<IReadOnlyList<string>> ErlArgumentsAsync(BeamRuntime runtime) =>
        Arguments.GetOrAdd(runtime, r => new Lazy<Task<IReadOnlyList<string>>>(() => CompileAsync(r))).Value;

    private static async Task<IReadOnlyList<string>> CompileAsync(BeamRuntime runtime)
    {
        var source = ReadSource();
        var cache = RuntimeDirectory.Named(runtime, "esdbgater-lifeline-" + Convert.ToHexStringLower(SHA256.HashData(source))[..16]);
        var beam = Path.Combine(cache.HostPath, Module + ".beam");
        if (!File.Exists(beam))
        {
            var sourceFile = Path.Combine(Directory.CreateTempSubdirectory("esdbgater-lifeline-src-").FullName, Module + ".erl");
            try
            {
                await File.WriteAllBytesAsync(sourceFile, source).ConfigureAwait(false);
                using var compiled = await ErlangCompiler.CompileAsync(runtime, [sourceFile]).ConfigureAwait(false);
                try
                {
                    // A rename, so no node ever sees a half-written cache.
                    Directory.Move(compiled.HostPath, cache.HostPath);
                }
                catch (IOException) when (File.Exists(beam))
                {
                    // Another test process compiled it first.
                }
            }
            finally
            {
                Directory.Delete(Path.GetDirectoryName(sourceFile)!, recursive: true);
            }
        }

        return ["-pa", cache.RuntimePath, "-s", Module];
    }

    private static byte[] ReadSource()
    {
        using var resource = typeof(BeamLifeline).Assembly.GetManifestResourceStream(Module + ".erl")
            ?? throw new InvalidOperationException($"The embedded {Module}.erl is missing from the test kit.");
        using var bytes = new MemoryStream();
        resource.CopyTo(bytes);
        return bytes.ToArray();
    }
}
