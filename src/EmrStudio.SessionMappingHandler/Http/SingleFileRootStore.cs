using EmrStudio.SessionMappingHandler.Platform;


namespace EmrStudio.SessionMappingHandler.Http;

/// <summary>
/// Makes .NET load the system root store from one PEM file instead of a file plus a directory, by setting the native
/// <c>SSL_CERT_DIR</c> to empty before the first TLS connection. Certificate validation is unchanged: the same
/// checks, rooted in the same file's certificates.
/// </summary>
/// <remarks>
/// Why: on its first chain build, .NET on Linux loads the whole system store (CachedSystemStoreProvider, whatever the
/// trust mode: CustomRootTrust included), that is the file OpenSSL's <c>SSL_CERT_FILE</c> names (or OpenSSL's default
/// bundle) and every file in <c>SSL_CERT_DIR</c> (or OpenSSL's default directory). The directory is the slow part:
/// one open and parse per file, 292 files on Debian, about 40 ms of a cold start, and a second copy of what the bundle
/// file holds on both Debian (ca-certificates.crt is built from it) and Amazon Linux 2023 (whose certificate directory
/// holds bundle files). .NET reads both variables with the C library's getenv, hence <see cref="INativeEnvironment"/>.
/// <list type="bullet">
/// <item><c>SSL_CERT_DIR</c> set, even empty: the user chose; nothing changes.</item>
/// <item><c>SSL_CERT_FILE</c> set (a private CA, a TLS-inspecting proxy): <see cref="CertificateTrust"/> trusts exactly
/// that file's roots, so the directory could contribute nothing but intermediates, which servers send and a user can
/// add to that file. The directory is skipped.</item>
/// <item>Neither: the directory is skipped only when OpenSSL's default bundle file exists and is not empty, so the
/// platform default keeps the same roots, loaded once. Otherwise nothing changes.</item>
/// </list>
/// </remarks>
internal static class SingleFileRootStore
{
    public const string CertificateDirectoryVariable = "SSL_CERT_DIR";

    /// <summary>Skips the directory where that is sound (see the remarks); returns what was decided, for a log line or a test.</summary>
    /// <param name="native">The environment .NET's OpenSSL shim reads.</param>
    /// <param name="defaultCertificateFile">OpenSSL's compiled-in bundle path (<see cref="OpenSslDefaults.CertificateFile"/>).</param>
    /// <param name="fileLength">The length of a file, or null when there is no such file.</param>
    public static string Apply(INativeEnvironment native, Func<string?> defaultCertificateFile, Func<string, long?> fileLength)
    {
        ArgumentNullException.ThrowIfNull(native);
        ArgumentNullException.ThrowIfNull(defaultCertificateFile);
        ArgumentNullException.ThrowIfNull(fileLength);

        if (native.Get(CertificateDirectoryVariable) is not null)
        {
            return $"{CertificateDirectoryVariable} is set: kept";
        }

        if (!string.IsNullOrWhiteSpace(native.Get(CertificateTrust.CertificateFileVariable)))
        {
            native.Set(CertificateDirectoryVariable, string.Empty);
            return $"roots from {CertificateTrust.CertificateFileVariable} only";
        }

        var bundle = defaultCertificateFile();
        if (string.IsNullOrEmpty(bundle) || fileLength(bundle) is not > 0)
        {
            return "no default bundle file: system directory kept";
        }

        native.Set(CertificateDirectoryVariable, string.Empty);
        return $"roots from {bundle} only";
    }

    /// <summary>The production wiring: libc's environment, the system's OpenSSL, the real file system.</summary>
    public static string ApplyToProcess() => Apply(LibcEnvironment.Instance, OpenSslDefaults.CertificateFile, FileLength);

    private static long? FileLength(string path)
    {
        try
        {
            // FileInfo follows the symbolic links distributions use for their bundle (cert.pem -> ca-certificates.crt).
            var file = new FileInfo(path);
            return file.Exists ? file.Length : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
