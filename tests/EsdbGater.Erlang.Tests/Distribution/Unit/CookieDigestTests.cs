using EsdbGater.Erlang.Distribution.Handshake;

namespace EsdbGater.Erlang.Tests.Distribution.Unit;

public sealed class CookieDigestTests
{
    [Theory]
    [InlineData(3788809410u, "0223458cf5438ca3b9943745eb432b4a")] // above int.MaxValue: must print unsigned
    [InlineData(255464312u, "c5fb4216f694d9d5670f20aa5e3be571")]
    public void Digest_matches_the_reference_vectors(uint challenge, string expectedHex)
    {
        Assert.Equal(expectedHex, Convert.ToHexStringLower(CookieDigest.Compute("secret", challenge)));
    }

    [Fact]
    public void Matches_accepts_the_right_digest_and_rejects_others()
    {
        var digest = CookieDigest.Compute("secret", 42);

        Assert.True(CookieDigest.Matches("secret", 42, digest));
        Assert.False(CookieDigest.Matches("other", 42, digest));
        Assert.False(CookieDigest.Matches("secret", 43, digest));
        Assert.False(CookieDigest.Matches("secret", 42, digest.AsSpan(0, 15)));
    }
}
