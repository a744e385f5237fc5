using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EmrStudio.Testing.Hosting;

/// <summary>
/// A private CA made for one test run, and a server certificate it issued for localhost and 127.0.0.1. The CA's PEM
/// file is what a user behind a TLS-inspecting proxy would point <c>SSL_CERT_FILE</c> at.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly X509Certificate2 _authority;

    public TestCertificateAuthority()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=EmrStudio Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        _authority = caRequest.CreateSelfSigned(notBefore, notBefore.AddDays(30));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_authority, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = serverRequest.Create(_authority, notBefore, notBefore.AddDays(29), serial);
        using var withKey = issued.CopyWithPrivateKey(serverKey);
        // Kestrel on Linux needs a certificate whose key is exportable; a PKCS#12 round trip gives one.
        ServerCertificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);

        CaFile = Path.Combine(Path.GetTempPath(), $"emrstudio-test-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(CaFile, _authority.ExportCertificatePem() + "\n");
    }

    /// <summary>The PEM file holding the CA certificate: the value for <c>SSL_CERT_FILE</c>.</summary>
    public string CaFile { get; }

    /// <summary>The certificate the fakes serve, issued by this CA.</summary>
    public X509Certificate2 ServerCertificate { get; }

    public void Dispose()
    {
        ServerCertificate.Dispose();
        _authority.Dispose();
        File.Delete(CaFile);
    }
}
