namespace EsdbGater.TestKit.Beam;

/// <summary>
/// A BEAM node shared by the tests of a class (<c>IClassFixture&lt;T&gt;</c>): derive, describe
/// the node in <see cref="CreateOptionsAsync"/> (compile modules there if needed), and use
/// <see cref="Node"/>. Started once before the first test and stopped after the last.
/// </summary>
public abstract class BeamNodeFixture : Xunit.IAsyncLifetime
{
    private readonly List<IDisposable> _ownedDirectories = [];
    private BeamNode? _node;

    /// <summary>The running node.</summary>
    public BeamNode Node => _node ?? throw new InvalidOperationException("The node is not started yet.");

    public async Task InitializeAsync() => _node = await BeamNode.StartAsync(await CreateOptionsAsync().ConfigureAwait(false)).ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var directory in _ownedDirectories)
        {
            directory.Dispose();
        }
    }

    /// <summary>The node to start.</summary>
    protected abstract Task<BeamNodeOptions> CreateOptionsAsync();

    /// <summary>Compiles modules with the runtime's erlc; the directory lives as long as the fixture.</summary>
    protected async Task<string> CompileAsync(BeamRuntime runtime, params string[] sourceFiles)
    {
        var directory = await ErlangCompiler.CompileAsync(runtime, sourceFiles).ConfigureAwait(false);
        _ownedDirectories.Add(directory);
        return directory.HostPath;
    }
}
