namespace EsdbGater.TestKit.Beam;

/// <summary>
/// A scratch directory a BEAM runtime can see: under /tmp on the host, or under the OTP 27
/// root's /tmp for the chroot. <see cref="HostPath"/> is where the test writes,
/// <see cref="RuntimePath"/> is what the node is told. Deleted on dispose.
/// </summary>
public sealed class RuntimeDirectory : IDisposable
{
    private RuntimeDirectory(string hostPath, string runtimePath)
    {
        HostPath = hostPath;
        RuntimePath = runtimePath;
    }

    public string HostPath { get; }

    public string RuntimePath { get; }

    public static RuntimeDirectory Create(BeamRuntime runtime, string prefix = "esdbgater-beam")
    {
        var directory = Named(runtime, $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory.HostPath);
        return directory;
    }

    /// <summary>The directory <paramref name="name"/> under the runtime's /tmp, which may or may not exist; not created.</summary>
    internal static RuntimeDirectory Named(BeamRuntime runtime, string name)
    {
        var runtimePath = "/tmp/" + name;
        var hostPath = runtime == BeamRuntime.Otp27Chroot ? Path.Combine(BeamCommand.RequireOtp27Root(), "tmp", name) : runtimePath;
        return new RuntimeDirectory(hostPath, runtimePath);
    }

    /// <summary>The runtime's view of <paramref name="hostFile"/>, which must lie in this directory.</summary>
    public string RuntimePathOf(string hostFile)
    {
        var relative = Path.GetRelativePath(HostPath, hostFile);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new ArgumentException($"{hostFile} is not inside {HostPath}.", nameof(hostFile));
        }

        return Path.Combine(RuntimePath, relative);
    }

    /// <summary>Writes a file into the directory and returns the runtime's path to it.</summary>
    public string WriteFile(string name, string contents)
    {
        var hostFile = Path.Combine(HostPath, name);
        File.WriteAllText(hostFile, contents);
        return RuntimePathOf(hostFile);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(HostPath, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }
}
