using System.Security.Cryptography.X509Certificates;

namespace EsdbGater.Erlang.Distribution;

/// <summary>TLS for the distribution connection (EPMD stays plain TCP).</summary>
public sealed record DistributionTlsOptions
{
    /// <summary>Certificate authorities trusted for the node's certificate; null uses the system store.</summary>
    public X509Certificate2Collection? TrustedCertificateAuthorities { get; init; }

    /// <summary>Our client certificate (with private key), for nodes that verify peers.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Check the node's certificate host name against the node name's host part.</summary>
    public bool VerifyHostName { get; init; } = true;
}
