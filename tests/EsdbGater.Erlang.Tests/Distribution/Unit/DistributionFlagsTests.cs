using EsdbGater.Erlang.Distribution.Handshake;

namespace EsdbGater.Erlang.Tests.Distribution.Unit;

public sealed class DistributionFlagsTests
{
    [Fact]
    public void Our_flags_are_exactly_the_reference_set()
    {
        Assert.Equal(0x0000000C074F0FBCUL, (ulong)DistributionFlagSets.Ours);
        Assert.Equal(0x01070F94UL, (ulong)DistributionFlagSets.Mandatory25);
        Assert.Equal(0x402000000UL, (ulong)DistributionFlagSets.Mandatory26);
    }

    [Fact]
    public void We_never_advertise_what_we_do_not_implement()
    {
        var ours = DistributionFlagSets.Ours;
        Assert.Equal(DistributionFlags.None, ours & (DistributionFlags.Published | DistributionFlags.Spawn | DistributionFlags.DistHdrAtomCache | DistributionFlags.Fragments | DistributionFlags.NameMe));
    }

    [Fact]
    public void The_digest_bit_stands_for_the_whole_otp25_set()
    {
        // OTP 25.2.3 accepted a peer with only MANDATORY_25_DIGEST plus the OTP 26 bits.
        var compact = DistributionFlags.Mandatory25Digest | DistributionFlags.DistMonitor | DistributionFlags.DistMonitorName;

        Assert.Equal(DistributionFlags.None, DistributionFlagSets.Missing(compact, DistributionFlagSets.RequiredOfPeer));
        Assert.Equal(DistributionFlags.MapTag, DistributionFlagSets.Missing(DistributionFlagSets.RequiredOfPeer & ~DistributionFlags.MapTag, DistributionFlagSets.RequiredOfPeer));
    }

    [Fact]
    public void Observed_otp25_peer_flags_satisfy_our_requirements()
    {
        const ulong observedOtp25 = 0xD07DF7FBD; // reference 2.3

        Assert.Equal(DistributionFlags.None, DistributionFlagSets.Missing((DistributionFlags)observedOtp25, DistributionFlagSets.RequiredOfPeer));
    }
}
