namespace EsdbGater.TestKit;

/// <summary>Which Erlang/OTP a test BEAM node runs on.</summary>
public enum BeamRuntime
{
    /// <summary>The host's Debian 12 Erlang/OTP 25 and Elixir 1.14.</summary>
    Otp25Host,

    /// <summary>Debian 13's Erlang/OTP 27 and Elixir 1.18 in the debootstrapped root (see <see cref="Otp27Root"/>), run under chroot on the host's loopback.</summary>
    Otp27Chroot,
}
