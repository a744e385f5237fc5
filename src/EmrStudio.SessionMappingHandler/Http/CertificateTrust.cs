using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EmrStudio.SessionMappingHandler.Helpers;

namespace EmrStudio.SessionMappingHandler.Http;

/// <summary>
/// The root certificates TLS connections trust. <c>SSL_CERT_FILE</c> (the OpenSSL convention for a private CA, a
/// TLS-inspecting proxy or a test server) is trusted exactly; otherwise the distribution's single-file CA bundle is
/// used, because on Linux .NET's default validation first scans the whole certificate directory, which costs tens of
/// milliseconds of cold start. Without either, <see cref="CustomRoots"/> is null and the platform default applies.
/// </summary>
internal sealed class CertificateTrust
{
    public const string CertificateFileVariable = "SSL_CERT_FILE";

    /// <summary>Single-file bundles, most specific first: Amazon Linux 2023 (Lambda), Debian/Ubuntu, SUSE, Fedora/RHEL.</summary>
    public static readonly IReadOnlyList<string> DistributionBundles =
    [
        "/etc/pki/tls/certs/ca-bundle.crt",
        "/etc/ssl/certs/ca-certificates.crt",
        "/etc/ssl/ca-bundle.pem",
        "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    ];

    // Resolved on first use, not at start-up, and then shared by every handler in the process.
    private static readonly Lazy<CertificateTrust> ProcessTrust =
        new(() => Resolve(ProcessEnvironment.Instance, DistributionBundles), LazyThreadSafetyMode.ExecutionAndPublication);

    private CertificateTrust(X509Certificate2Collection? customRoots, string source)
    {
        CustomRoots = customRoots;
        Source = source;
    }

    /// <summary>The trust of this process, loaded once.</summary>
    public static CertificateTrust ForProcess => ProcessTrust.Value;

    /// <summary>The roots to trust instead of the platform store, or null for the platform default.</summary>
    public X509Certificate2Collection? CustomRoots { get; }

    /// <summary>Where the roots came from, for a log line: a file path or "platform default".</summary>
    public string Source { get; }

    /// <summary>
    /// Decides the trust from the environment. A set but unusable <c>SSL_CERT_FILE</c> is an error rather than a
    /// silent fallback to other roots: whoever set it expects exactly that trust, and failing loudly names the cause.
    /// </summary>
    public static CertificateTrust Resolve(IEnvironment environment, IReadOnlyList<string> bundleCandidates)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(bundleCandidates);

        var certificateFile = environment.GetVariable(CertificateFileVariable);
        if (!string.IsNullOrWhiteSpace(certificateFile))
        {
            var roots = TryLoadPem(certificateFile)
                ?? throw new InvalidOperationException(
                    $"{CertificateFileVariable} names '{certificateFile}', which is not a readable PEM file holding at least one certificate.");
            return new CertificateTrust(roots, certificateFile);
        }

        foreach (var candidate in bundleCandidates)
        {
            if (File.Exists(candidate) && TryLoadPem(candidate) is { } bundle)
            {
                return new CertificateTrust(bundle, candidate);
            }
        }

        return new CertificateTrust(null, "platform default");
    }

    private static X509Certificate2Collection? TryLoadPem(string path)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return null;
        }

        return certificates.Count > 0 ? certificates : null;
    }
}
