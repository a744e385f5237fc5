using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EmrStudio.SessionMappingHandler.Platform;

namespace EmrStudio.SessionMappingHandler.Http;

/// <summary>
/// The root certificates TLS connections trust. When <c>SSL_CERT_FILE</c> names a PEM file (the OpenSSL convention for
/// a private CA, a TLS-inspecting proxy or a test server), exactly its certificates are trusted; otherwise
/// <see cref="CustomRoots"/> is null and the platform's own validation applies.
/// </summary>
/// <remarks>
/// There is deliberately no "load the distribution's single-file CA bundle as custom roots" step. On Linux, .NET loads
/// the system certificate directory on its first chain build whatever the trust mode (OpenSslX509ChainProcessor always
/// gathers the system collections, for intermediates too), so a custom bundle saves nothing and adds its own parse:
/// measured with Native AOT on Debian (/etc/ssl/certs, 146 certificates), a cold first validation took about 35 ms with
/// the platform default and about 49 ms with the bundle as custom roots (14 ms of parsing plus the same 35 ms).
/// What does save that load is skipping the certificate directory: see <see cref="SingleFileRootStore"/>.
/// </remarks>
internal sealed class CertificateTrust
{
    public const string CertificateFileVariable = "SSL_CERT_FILE";

    // Resolved on first use, not at start-up, and then shared by every handler in the process.
    private static readonly Lazy<CertificateTrust> ProcessTrust =
        new(() => Resolve(ProcessEnvironment.Instance), LazyThreadSafetyMode.ExecutionAndPublication);

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
    public static CertificateTrust Resolve(IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);

        var certificateFile = environment.GetVariable(CertificateFileVariable);
        if (string.IsNullOrWhiteSpace(certificateFile))
        {
            return new CertificateTrust(null, "platform default");
        }

        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(certificateFile);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException($"{CertificateFileVariable} names '{certificateFile}', which cannot be read: {Explain(exception)}.", exception);
        }

        return roots.Count > 0
            ? new CertificateTrust(roots, certificateFile)
            : throw new InvalidOperationException($"{CertificateFileVariable} names '{certificateFile}', which holds no PEM certificate.");
    }

    // In the operator's words, whatever the runtime's own messages say (or, trimmed, do not say).
    private static string Explain(Exception exception) => exception switch
    {
        FileNotFoundException => "there is no such file",
        DirectoryNotFoundException => "there is no such file: its folder does not exist",
        UnauthorizedAccessException => "permission to read it is denied",
        CryptographicException => "it is not a PEM file of certificates",
        _ => exception.Message,
    };
}
