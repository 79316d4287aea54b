using EsdbGater.Erlang.Distribution;
using EsdbGater.Erlang.Distribution.Handshake;

namespace EsdbGater.Erlang.Tests.Distribution.Unit;

public sealed class HandshakeMessagesTests
{
    [Fact]
    public void Send_name_matches_the_observed_bytes()
    {
        // Reference 2.1: dotnet@vm, creation 0x12345678, flags 0x0C074F0FBC, accepted by OTP 25.2.3.
        var framed = Convert.FromHexString("00184e0000000c074f0fbc123456780009" + Convert.ToHexString("dotnet@vm"u8));

        var message = HandshakeMessages.SendName((DistributionFlags)0x0C074F0FBCUL, 0x12345678, "dotnet@vm");

        Assert.Equal(framed[2..], message);
        Assert.Equal(framed[1], message.Length);
    }

    [Fact]
    public void Challenge_is_parsed_and_extra_bytes_are_ignored()
    {
        var message = Convert.FromHexString("4e0000000d07df7fbd" + "e1d3a2c2" + "6b08c712" + "0007" + Convert.ToHexString("peer@vm"u8) + "deadbeef");

        var challenge = HandshakeMessages.ParseChallenge(message);

        Assert.Equal((DistributionFlags)0xD07DF7FBDUL, challenge.Flags);
        Assert.Equal(0xe1d3a2c2u, challenge.Challenge);
        Assert.Equal(0x6b08c712u, challenge.Creation);
        Assert.Equal("peer@vm", challenge.NodeName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("4e00")]
    [InlineData("6e0000000d07df7fbde1d3a2c26b08c7120000")] // old 'n' tag
    [InlineData("4e0000000d07df7fbde1d3a2c26b08c71200ff41")] // name longer than the message
    public void Malformed_challenges_are_protocol_errors(string hex)
    {
        var e = Assert.Throws<DistributionConnectException>(() => HandshakeMessages.ParseChallenge(Convert.FromHexString(hex)));
        Assert.Equal(ConnectFailure.ProtocolError, e.Failure);
    }

    [Fact]
    public void Challenge_reply_carries_our_challenge_and_digest()
    {
        var digest = CookieDigest.Compute("secret", 255464312);

        var reply = HandshakeMessages.ChallengeReply(3788809410, digest);

        Assert.Equal("72e1d4a4c2" + "c5fb4216f694d9d5670f20aa5e3be571", Convert.ToHexStringLower(reply));
    }

    [Fact]
    public void Status_text_is_read_without_the_tag()
    {
        Assert.Equal("not_allowed", HandshakeMessages.ParseStatus("snot_allowed"u8));
        Assert.Throws<DistributionConnectException>(() => HandshakeMessages.ParseStatus("xok"u8));
    }
}
