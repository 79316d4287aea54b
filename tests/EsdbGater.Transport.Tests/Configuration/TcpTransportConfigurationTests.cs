using System.Text.RegularExpressions;
using EsdbGater.Plugins;
using EsdbGater.Transport.Tcp.Configuration;
using Microsoft.Extensions.Configuration;

namespace EsdbGater.Transport.Tests.Configuration;

public sealed class TcpTransportConfigurationTests
{
    private const string Secret = "s3cr3t-cookie-value";

    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, v.Value))).Build();

    [Fact]
    public void Defaults_match_exesdb_and_swarm_ignore_pattern()
    {
        var (options, cookie) = TcpTransportConfiguration.Read(Config(("Cluster:Cookie", Secret)));

        Assert.Equal(Secret, cookie);
        Assert.Equal(4369, options.EpmdPort);
        Assert.Equal("ex_esdb_events", options.PubSubName);
        Assert.DoesNotContain('.', options.NodeHost);
        var name = TcpTransportConfiguration.UniqueNodeName(options);
        Assert.Matches(new Regex("^.+_maint_.+$"), name.Split('@')[0] + "@" + name.Split('@')[1]);
        Assert.NotEqual(name, TcpTransportConfiguration.UniqueNodeName(options));
    }

    [Fact]
    public void The_section_sets_every_value()
    {
        var (options, _) = TcpTransportConfiguration.Read(Config(
            ("Cluster:Cookie", Secret),
            ("Transport:Tcp:EpmdPort", "4400"),
            ("Transport:Tcp:NodeHost", "gateway1"),
            ("Transport:Tcp:NodeNamePrefix", "gw_maint"),
            ("Transport:Tcp:TickInterval", "2s"),
            ("Transport:Tcp:HandshakeTimeout", "00:00:03"),
            ("Transport:Tcp:PeerTimeout", "9500ms"),
            ("Transport:Tcp:MaxPacketSize", "1048576"),
            ("Transport:Tcp:FeedCapacity", "16"),
            ("Transport:Tcp:MailboxCapacity", "500"),
            ("Gateway:PubSub", "my_events")));

        Assert.Equal(4400, options.EpmdPort);
        Assert.Equal("gateway1", options.NodeHost);
        Assert.StartsWith("gw_maint_", TcpTransportConfiguration.UniqueNodeName(options));
        Assert.EndsWith("@gateway1", TcpTransportConfiguration.UniqueNodeName(options));
        Assert.Equal(TimeSpan.FromSeconds(2), options.TickInterval);
        Assert.Equal(TimeSpan.FromSeconds(3), options.HandshakeTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(9500), options.PeerTimeout);
        Assert.Equal(1048576, options.MaxPacketSize);
        Assert.Equal(16, options.FeedCapacity);
        Assert.Equal(500, options.MailboxCapacity);
        Assert.Equal("my_events", options.PubSubName);
    }

    [Fact]
    public void Tls_files_are_loaded_as_pem()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=gateway", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
        var directory = Directory.CreateTempSubdirectory("esdbgater-tls-");
        try
        {
            var certFile = Path.Combine(directory.FullName, "cert.pem");
            var keyFile = Path.Combine(directory.FullName, "key.pem");
            File.WriteAllText(certFile, certificate.ExportCertificatePem());
            File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());

            var (options, _) = TcpTransportConfiguration.Read(Config(
                ("Cluster:Cookie", Secret),
                ("Transport:Tcp:Tls:CaFile", certFile),
                ("Transport:Tcp:Tls:CertFile", certFile),
                ("Transport:Tcp:Tls:KeyFile", keyFile),
                ("Transport:Tcp:Tls:VerifyHostName", "false")));

            Assert.NotNull(options.Tls);
            Assert.Equal(certificate.Thumbprint, Assert.Single(options.Tls.TrustedCertificateAuthorities!).Thumbprint);
            Assert.True(options.Tls.ClientCertificate!.HasPrivateKey);
            Assert.False(options.Tls.VerifyHostName);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_seed_cookie_name_is_accepted_when_the_key_is_missing()
    {
        var (_, cookie) = TcpTransportConfiguration.Read(Config(("RELEASE_COOKIE", Secret)));

        Assert.Equal(Secret, cookie);
    }

    [Fact]
    public void A_missing_cookie_is_a_configuration_error_naming_the_setting()
    {
        var e = Assert.Throws<PluginConfigurationException>(() => TcpTransportConfiguration.Read(Config(("Cluster:Cookie", " "))));

        Assert.Contains("Cluster:Cookie", e.Message);
    }

    [Theory]
    [InlineData("Transport:Tcp:EpmdPort", "70000")]
    [InlineData("Transport:Tcp:TickInterval", "15")]
    [InlineData("Transport:Tcp:NodeNamePrefix", "bad name")]
    [InlineData("Transport:Tcp:NodeHost", "-host")]
    [InlineData("Transport:Tcp:Tls:CertFile", "/nonexistent/cert.pem")]
    [InlineData("Transport:Tcp:Tls:CaFile", "/nonexistent/ca.pem")]
    public void Invalid_settings_name_the_key_and_never_the_cookie(string key, string value)
    {
        var e = Assert.Throws<PluginConfigurationException>(() => TcpTransportConfiguration.Read(Config(("Cluster:Cookie", Secret), (key, value))));

        Assert.Contains(key[..key.LastIndexOf(':')], e.Message);
        Assert.DoesNotContain(Secret, e.Message);
    }
}
