using System.Diagnostics;

namespace EsdbGater.TestKit;

/// <summary>
/// The Debian 13 (trixie) root with Erlang/OTP 27 and Elixir 1.18, made by
/// <c>scripts/otp27-root.sh</c> and cached outside the work tree. Tests run OTP 27 nodes in it
/// with <c>chroot</c>; the root shares the host's loopback.
/// </summary>
public static class Otp27Root
{
    /// <summary>ESDBGATER_OTP27_ROOT, or the default cache location.</summary>
    public static string Path =>
        Environment.GetEnvironmentVariable("ESDBGATER_OTP27_ROOT") is { Length: > 0 } p ? p : "/var/cache/esdbgater/otp27-root";

    /// <summary>True when the root exists and has an <c>erl</c>.</summary>
    public static bool IsReady => File.Exists(System.IO.Path.Combine(Path, "usr/bin/erl"));

    /// <summary>The repository root (where EsdbGater.sln lives), found from the test's base directory.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "EsdbGater.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("EsdbGater.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
