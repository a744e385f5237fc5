using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing.Hosting;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Http;

public sealed class CertificateTrustTests : IDisposable
{
    private readonly TestCertificateAuthority _authority = new();
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), $"emrstudio-trust-{Guid.NewGuid():N}");

    public CertificateTrustTests() => Directory.CreateDirectory(_scratch);

    [Fact]
    public void Resolve_CertificateFileSet_TrustsExactlyItsCertificates()
    {
        var trust = CertificateTrust.Resolve(new DictionaryEnvironment(("SSL_CERT_FILE", _authority.CaFile)));

        var root = Assert.Single(trust.CustomRoots!);
        Assert.Equal("CN=EmrStudio Test CA", root.Subject);
        Assert.Equal(_authority.CaFile, trust.Source);
    }

    [Fact]
    public void Resolve_CertificateFileMissing_FailsNamingTheVariable()
    {
        var missing = Path.Combine(_scratch, "absent.pem");

        var error = Assert.Throws<InvalidOperationException>(() => CertificateTrust.Resolve(new DictionaryEnvironment(("SSL_CERT_FILE", missing))));

        Assert.Contains("SSL_CERT_FILE", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_CertificateFileWithoutCertificates_Fails()
    {
        var empty = Path.Combine(_scratch, "empty.pem");
        File.WriteAllText(empty, "not a certificate\n");

        Assert.Throws<InvalidOperationException>(() => CertificateTrust.Resolve(new DictionaryEnvironment(("SSL_CERT_FILE", empty))));
    }

    [Fact]
    public void Resolve_NoVariable_IsThePlatformDefault()
    {
        var trust = CertificateTrust.Resolve(new DictionaryEnvironment(("SSL_CERT_FILE", " ")));

        Assert.Null(trust.CustomRoots);
        Assert.Equal("platform default", trust.Source);
    }

    [Fact]
    public void ForProcess_CalledTwice_IsTheSameLoadedTrust()
    {
        Assert.Same(CertificateTrust.ForProcess, CertificateTrust.ForProcess);
    }

    public void Dispose()
    {
        _authority.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }
}
