using EsdbGater.Erlang.Distribution;
using EsdbGater.Erlang.Distribution.Epmd;

namespace EsdbGater.Erlang.Tests.Distribution.Unit;

public sealed class EpmdProtocolTests
{
    [Fact]
    public void Port_please2_request_is_length_prefixed()
    {
        Assert.Equal(Convert.FromHexString("00057a70656572"), EpmdProtocol.BuildPortPlease2Request("peer"));
    }

    [Fact]
    public void Otp25_reply_with_lowest_version_5_is_accepted()
    {
        // Observed from OTP 25.2.3 (reference 1.1): port 45479, type 'M', high 6, low 5.
        var entry = EpmdProtocol.ParsePort2Response(Convert.FromHexString("7700b1a74d000006000500047065657200 00".Replace(" ", "")), "peer");

        Assert.Equal(new EpmdNodeEntry("peer", 45479, 77, 0, 6, 5), entry);
        Assert.True(entry.SupportsVersion6);
    }

    [Fact]
    public void Unknown_name_is_not_registered()
    {
        var e = Assert.Throws<DistributionConnectException>(() => EpmdProtocol.ParsePort2Response(Convert.FromHexString("7701"), "nobody"));
        Assert.Equal(ConnectFailure.NotRegistered, e.Failure);
    }

    [Fact]
    public void Nodes_older_than_version_6_are_refused()
    {
        var e = Assert.Throws<DistributionConnectException>(() => EpmdProtocol.ParsePort2Response(Convert.FromHexString("7700b1a74d00000500050004706565720000"), "old"));
        Assert.Equal(ConnectFailure.UnsupportedVersion, e.Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("78")]
    [InlineData("7700b1a7")]
    [InlineData("7700b1a74d000006000500ff7065")] // name longer than the reply
    public void Malformed_replies_are_protocol_errors(string hex)
    {
        var e = Assert.Throws<DistributionConnectException>(() => EpmdProtocol.ParsePort2Response(Convert.FromHexString(hex), "x"));
        Assert.Equal(ConnectFailure.ProtocolError, e.Failure);
    }
}
