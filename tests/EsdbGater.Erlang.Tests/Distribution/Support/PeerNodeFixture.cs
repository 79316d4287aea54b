using EsdbGater.TestKit;
using EsdbGater.TestKit.Beam;

namespace EsdbGater.Erlang.Tests.Distribution.Support;

/// <summary>A real BEAM node with echo_server (registered as <c>echo_server</c>) and probe_helper loaded.</summary>
public abstract class PeerNodeFixture(BeamRuntime runtime, BeamNameMode nameMode, int? netTickTime = null) : BeamNodeFixture
{
    public BeamRuntime Runtime => runtime;

    protected override async Task<BeamNodeOptions> CreateOptionsAsync()
    {
        var ebin = await CompileAsync(runtime, ErlangSources.All);
        return new BeamNodeOptions
        {
            Runtime = runtime,
            NameMode = nameMode,
            NetTickTimeSeconds = netTickTime,
            CodePaths = [ebin],
            Eval = "{ok, _} = echo_server:start().",
        };
    }
}

/// <summary>OTP 25 on the host, short names (as ExESDB runs).</summary>
public sealed class Otp25PeerFixture() : PeerNodeFixture(BeamRuntime.Otp25Host, BeamNameMode.Short);

/// <summary>OTP 27 in the Debian 13 root, long names.</summary>
public sealed class Otp27PeerFixture() : PeerNodeFixture(BeamRuntime.Otp27Chroot, BeamNameMode.Long);

/// <summary>OTP 25 with net_ticktime 4 (the BEAM ticks every second and gives up after about 4-5 s of silence).</summary>
public sealed class Otp25FastTickFixture() : PeerNodeFixture(BeamRuntime.Otp25Host, BeamNameMode.Long, netTickTime: 4);

/// <summary>OTP 27 with net_ticktime 4.</summary>
public sealed class Otp27FastTickFixture() : PeerNodeFixture(BeamRuntime.Otp27Chroot, BeamNameMode.Short, netTickTime: 4);
