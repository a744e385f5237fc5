using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EmrStudio.SessionMappingHandler.Http;

/// <summary>
/// Builds the one kind of connection handler every outbound call uses (EMR, the ResponseURL): pooled connections,
/// bounded connect time, and certificate validation that is always on, rooted in a <see cref="CertificateTrust"/>.
/// </summary>
internal static class HttpHandlerFactory
{
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    // Long enough to reuse a connection across the calls of one invocation and the next; short enough to follow DNS.
    public static readonly TimeSpan DefaultPooledConnectionLifetime = TimeSpan.FromMinutes(2);

    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    public static SocketsHttpHandler Create(CertificateTrust trust) => Create(trust, DefaultConnectTimeout);

    public static SocketsHttpHandler Create(CertificateTrust trust, TimeSpan connectTimeout)
    {
        ArgumentNullException.ThrowIfNull(trust);

        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout,
            PooledConnectionLifetime = DefaultPooledConnectionLifetime,
            // A Lambda sandbox may be frozen for minutes; a connection idle that long is likely closed by the peer.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseCookies = false,
        };

        if (trust.CustomRoots is { } roots)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                // SslStream's default for clients is no revocation check; a chain policy would otherwise go online
                // for CRLs and OCSP, which a private CA rarely serves and which costs round trips at cold start.
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.ApplicationPolicy.Add(ServerAuthentication);
            policy.CustomTrustStore.AddRange(roots);
            // No RemoteCertificateValidationCallback: SslStream's own checks (chain and host name) decide, always.
            handler.SslOptions.CertificateChainPolicy = policy;
        }

        return handler;
    }
}
