using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace EsdbGater.Erlang.Distribution.Handshake;

/// <summary>
/// Wraps a connected stream in TLS for inet_tls distribution: the node's certificate is checked
/// against the configured CAs (or the system store), and our client certificate is offered to
/// nodes that run with verify_peer.
/// </summary>
internal static class TlsConnector
{
    public static async Task<SslStream> AuthenticateAsync(Stream inner, DistributionTlsOptions tls, string host, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            ClientCertificates = tls.ClientCertificate is null ? null : new X509CertificateCollection { tls.ClientCertificate },
            RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(tls, certificate, errors),
        };

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await ssl.AuthenticateAsClientAsync(options, deadline.Token).ConfigureAwait(false);
            return ssl;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new DistributionConnectException(ConnectFailure.TlsFailure, $"TLS with {host} failed: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new DistributionConnectException(ConnectFailure.HandshakeTimeout, $"TLS with {host} did not complete within {timeout.TotalSeconds:0.#} s.", e);
        }
    }

    private static bool IsTrusted(DistributionTlsOptions tls, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        if (tls.VerifyHostName && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        if (tls.TrustedCertificateAuthorities is not { Count: > 0 } authorities)
        {
            return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None;
        }

        // Our own CAs, not the system store: a private cluster CA is the usual setup.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
