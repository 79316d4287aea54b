using System.Diagnostics;

namespace EsdbGater.TestKit.Beam;

/// <summary>Builds the command line that runs an OTP tool on a runtime: directly, or under chroot for OTP 27.</summary>
public static class BeamCommand
{
    /// <summary>
    /// A start info for <paramref name="tool"/> (<c>erl</c>, <c>elixir</c>, <c>erlc</c>, <c>epmd</c>).
    /// Under chroot the process id is the tool's own (chroot and the OTP scripts exec).
    /// </summary>
    public static ProcessStartInfo Create(BeamRuntime runtime, string tool, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };

        if (runtime == BeamRuntime.Otp27Chroot)
        {
            start.FileName = "/usr/sbin/chroot";
            start.ArgumentList.Add(RequireOtp27Root());
            start.ArgumentList.Add("/usr/bin/" + tool);

            // The root has its own HOME and PATH; the host's may not exist inside it.
            start.Environment["HOME"] = "/tmp";
            start.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        }
        else
        {
            start.FileName = "/usr/bin/" + tool;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Elixir refuses to start without a UTF-8 locale and warns loudly; C.UTF-8 exists everywhere.
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment["LC_ALL"] = "C.UTF-8";
        return start;
    }

    /// <summary>The OTP 27 root, or a clear error telling how to build it.</summary>
    public static string RequireOtp27Root() =>
        Otp27Root.IsReady
            ? Otp27Root.Path
            : throw new InvalidOperationException($"The OTP 27 root is missing at {Otp27Root.Path}: run scripts/otp27-root.sh (as root) first.");
}
