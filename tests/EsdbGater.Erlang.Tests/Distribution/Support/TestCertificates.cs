using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EsdbGater.Erlang.Tests.Distribution.Support;

/// <summary>A throwaway CA with a node (server) certificate and a client certificate, for TLS distribution.</summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 authority, X509Certificate2 node, X509Certificate2 client)
    {
        Authority = authority;
        Node = node;
        Client = client;
    }

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Node { get; }

    public X509Certificate2 Client { get; }

    public static TestCertificates Create(string nodeHost)
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=EsdbGater Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var authority = caRequest.CreateSelfSigned(now, now.AddDays(1));

        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(nodeHost);
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        var node = Issue(authority, "CN=" + nodeHost, san.Build(), "1.3.6.1.5.5.7.3.1", now);
        var client = Issue(authority, "CN=esdbgater-client", null, "1.3.6.1.5.5.7.3.2", now);
        return new TestCertificates(authority, node, client);
    }

    /// <summary>Writes ca.pem, node_cert.pem, node_key.pem, client_cert.pem and client_key.pem (for the BEAM side).</summary>
    public void WritePem(string directory)
    {
        File.WriteAllText(Path.Combine(directory, "ca.pem"), Authority.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "node_cert.pem"), Node.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "node_key.pem"), Node.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(directory, "client_cert.pem"), Client.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "client_key.pem"), Client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        Authority.Dispose();
        Node.Dispose();
        Client.Dispose();
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string subject, X509Extension? san, string usageOid, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        if (san is not null)
        {
            request.CertificateExtensions.Add(san);
        }

        using var issued = request.Create(authority, now, now.AddDays(1), RandomNumberGenerator.GetBytes(8));
        using var withKey = issued.CopyWithPrivateKey(key);

        // A PKCS#12 round trip gives a certificate whose key SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
