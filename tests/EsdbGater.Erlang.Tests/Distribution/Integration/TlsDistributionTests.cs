using EsdbGater.Erlang.Distribution;
using EsdbGater.Erlang.Tests.Distribution.Support;
using EsdbGater.Erlang.Terms;
using EsdbGater.TestKit;
using EsdbGater.TestKit.Beam;

namespace EsdbGater.Erlang.Tests.Distribution.Integration;

/// <summary>A node with -proto_dist inet_tls that verifies its peers' certificates.</summary>
public abstract class TlsNodeFixture(BeamRuntime runtime) : IAsyncLifetime
{
    private RuntimeDirectory _files = null!;

    public TestCertificates Certificates { get; private set; } = null!;

    public BeamNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _files = RuntimeDirectory.Create(runtime, "esdbgater-tls");
        Certificates = TestCertificates.Create(NodeName.ShortHostName());
        Certificates.WritePem(_files.HostPath);
        string Pem(string name) => _files.RuntimePathOf(Path.Combine(_files.HostPath, name));
        var optionsFile = _files.WriteFile("ssl_dist.conf", $$"""
            [{server, [{certfile, "{{Pem("node_cert.pem")}}"}, {keyfile, "{{Pem("node_key.pem")}}"},
                       {cacertfile, "{{Pem("ca.pem")}}"}, {verify, verify_peer}, {fail_if_no_peer_cert, true},
                       {versions, ['tlsv1.2', 'tlsv1.3']}]},
             {client, [{certfile, "{{Pem("client_cert.pem")}}"}, {keyfile, "{{Pem("client_key.pem")}}"},
                       {cacertfile, "{{Pem("ca.pem")}}"}, {verify, verify_peer}]}].
            """);
        Node = await BeamNode.StartAsync(new BeamNodeOptions
        {
            Runtime = runtime,
            NameMode = BeamNameMode.Long,
            ExtraErlArgs = ["-proto_dist", "inet_tls", "-ssl_dist_optfile", optionsFile],
        });
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Certificates.Dispose();
        _files.Dispose();
    }
}

public sealed class Otp25TlsNodeFixture() : TlsNodeFixture(BeamRuntime.Otp25Host);

public sealed class Otp27TlsNodeFixture() : TlsNodeFixture(BeamRuntime.Otp27Chroot);

public abstract class TlsDistributionTests<TFixture>(TFixture fixture)
    where TFixture : TlsNodeFixture
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_handshake_runs_inside_tls_with_our_client_certificate()
    {
        await using var node = TestNodes.Create(fixture.Node, configure: o => o with { Tls = Tls(withClientCertificate: true) });

        var connection = await node.ConnectAsync(fixture.Node);

        Assert.True(connection.IsTls);
        Assert.Equal(Erl.Atom(fixture.Node.NodeName), await connection.RpcAsync("erlang", "node", [], Patience));
    }

    [Fact]
    public async Task Plain_tcp_to_a_tls_node_reports_that_it_expects_tls()
    {
        await using var node = TestNodes.Create(fixture.Node);

        var e = await Assert.ThrowsAsync<DistributionConnectException>(() => node.ConnectAsync(fixture.Node));

        Assert.Equal(ConnectFailure.PeerExpectsTls, e.Failure);
    }

    [Fact]
    public async Task Without_a_client_certificate_the_node_refuses_us_with_a_tls_failure()
    {
        await using var node = TestNodes.Create(fixture.Node, configure: o => o with { Tls = Tls(withClientCertificate: false) });

        var e = await Assert.ThrowsAsync<DistributionConnectException>(() => node.ConnectAsync(fixture.Node));

        Assert.Equal(ConnectFailure.TlsFailure, e.Failure);
    }

    [Fact]
    public async Task A_node_certificate_from_an_unknown_authority_is_refused()
    {
        using var strangers = TestCertificates.Create("elsewhere");
        await using var node = TestNodes.Create(fixture.Node, configure: o => o with
        {
            Tls = new DistributionTlsOptions { TrustedCertificateAuthorities = [strangers.Authority], ClientCertificate = fixture.Certificates.Client },
        });

        var e = await Assert.ThrowsAsync<DistributionConnectException>(() => node.ConnectAsync(fixture.Node));

        Assert.Equal(ConnectFailure.TlsFailure, e.Failure);
    }

    private DistributionTlsOptions Tls(bool withClientCertificate) => new()
    {
        TrustedCertificateAuthorities = [fixture.Certificates.Authority],
        ClientCertificate = withClientCertificate ? fixture.Certificates.Client : null,
    };
}

public sealed class Otp25TlsDistributionTests(Otp25TlsNodeFixture fixture) : TlsDistributionTests<Otp25TlsNodeFixture>(fixture), IClassFixture<Otp25TlsNodeFixture>;

public sealed class Otp27TlsDistributionTests(Otp27TlsNodeFixture fixture) : TlsDistributionTests<Otp27TlsNodeFixture>(fixture), IClassFixture<Otp27TlsNodeFixture>;
