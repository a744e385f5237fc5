using System.Runtime.InteropServices;

namespace EmrStudio.SessionMappingHandler.Http;

/// <summary>Asks the system's OpenSSL (the library .NET itself uses for TLS on Linux) where its compiled-in CA bundle file is.</summary>
internal static unsafe class OpenSslDefaults
{
    // The names .NET's own shim probes, newest first.
    private static readonly string[] CryptoLibraries = ["libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.so"];

    /// <summary>
    /// <c>X509_get_default_cert_file()</c>, for example /etc/pki/tls/cert.pem on Amazon Linux 2023 or /usr/lib/ssl/cert.pem
    /// on Debian; null when no libcrypto can be loaded.
    /// </summary>
    public static string? CertificateFile()
    {
        foreach (var name in CryptoLibraries)
        {
            if (NativeLibrary.TryLoad(name, out var library))
            {
                if (NativeLibrary.TryGetExport(library, "X509_get_default_cert_file", out var export))
                {
                    return Marshal.PtrToStringUTF8(((delegate* unmanaged<IntPtr>)export)());
                }
            }
        }

        return null;
    }
}
