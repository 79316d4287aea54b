using EsdbGater.TestKit.Processes;

namespace EsdbGater.TestKit.Beam;

/// <summary>Compiles Erlang test modules with the runtime's own erlc into a directory that runtime can load from.</summary>
public static class ErlangCompiler
{
    /// <summary>
    /// Compiles <paramref name="sourceFiles"/> (host paths) and returns the directory with the
    /// .beam files; pass its <see cref="RuntimeDirectory.HostPath"/> as a code path. Dispose it after the nodes.
    /// </summary>
    public static async Task<RuntimeDirectory> CompileAsync(BeamRuntime runtime, IEnumerable<string> sourceFiles, CancellationToken cancellationToken = default)
    {
        var output = RuntimeDirectory.Create(runtime, "esdbgater-ebin");
        try
        {
            List<string> args = ["-o", output.RuntimePath];
            foreach (var source in sourceFiles)
            {
                var copy = Path.Combine(output.HostPath, Path.GetFileName(source));
                File.Copy(source, copy);
                args.Add(output.RuntimePathOf(copy));
            }

            await using var erlc = ManagedProcess.Start(BeamCommand.Create(runtime, "erlc", args), $"erlc ({runtime})");
            var exitCode = await erlc.WaitForExitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"erlc failed with exit code {exitCode}:\n{erlc.Output}");
            }

            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }
}
