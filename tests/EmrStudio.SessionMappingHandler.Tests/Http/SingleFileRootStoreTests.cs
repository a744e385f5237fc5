using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Platform;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Http;

public sealed class SingleFileRootStoreTests
{
    private const string Bundle = "/etc/pki/tls/cert.pem";

    [Theory]
    [InlineData("")]
    [InlineData("/etc/ssl/certs")]
    public void Apply_DirectorySetByTheUser_KeepsIt(string directory)
    {
        var native = new DictionaryNativeEnvironment(("SSL_CERT_DIR", directory), ("SSL_CERT_FILE", "/opt/proxy-ca.pem"));

        SingleFileRootStore.Apply(native, () => Bundle, _ => 200_000);

        Assert.Equal(directory, native.Get("SSL_CERT_DIR"));
        Assert.Equal("/opt/proxy-ca.pem", native.Get("SSL_CERT_FILE"));
    }

    [Fact]
    public void Apply_CertificateFileSet_SkipsTheDirectoryAndKeepsTheFile()
    {
        var native = new DictionaryNativeEnvironment(("SSL_CERT_FILE", "/opt/proxy-ca.pem"));

        SingleFileRootStore.Apply(native, () => throw new InvalidOperationException("OpenSSL need not be asked"), _ => null);

        Assert.Equal(string.Empty, native.Get("SSL_CERT_DIR"));
        Assert.Equal("/opt/proxy-ca.pem", native.Get("SSL_CERT_FILE"));
    }

    [Fact]
    public void Apply_NothingSetAndTheDefaultBundleExists_SkipsTheDirectoryOnly()
    {
        var native = new DictionaryNativeEnvironment();

        SingleFileRootStore.Apply(native, () => Bundle, path => path == Bundle ? 200_000 : null);

        Assert.Equal(string.Empty, native.Get("SSL_CERT_DIR"));
        // The platform default keeps reading OpenSSL's own default file: no SSL_CERT_FILE that CertificateTrust would take for a private CA.
        Assert.Null(native.Get("SSL_CERT_FILE"));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(Bundle, null)]
    [InlineData(Bundle, 0L)]
    public void Apply_NothingSetAndNoUsableDefaultBundle_KeepsTheDirectory(string? bundle, long? length)
    {
        var native = new DictionaryNativeEnvironment();

        SingleFileRootStore.Apply(native, () => bundle, _ => length);

        Assert.Null(native.Get("SSL_CERT_DIR"));
    }

    [Fact]
    public void OpenSslDefaults_OnThisLinux_NameAnExistingBundleFile()
    {
        var bundle = OpenSslDefaults.CertificateFile();

        Assert.NotNull(bundle);
        Assert.True(new FileInfo(bundle).Length > 0, $"{bundle} is missing or empty");
    }

    [Fact]
    public void LibcEnvironment_Set_ReachesNativeGetenvWhereEnvironmentSetDoesNot()
    {
        // The design rests on both halves: .NET's OpenSSL shim reads getenv, and the managed setter never reaches it.
        var viaLibc = $"EMRSTUDIO_TEST_{Guid.NewGuid():N}";
        var viaManaged = $"EMRSTUDIO_TEST_{Guid.NewGuid():N}";

        LibcEnvironment.Instance.Set(viaLibc, "narrowed");
        Environment.SetEnvironmentVariable(viaManaged, "managed");

        Assert.Equal("narrowed", LibcEnvironment.Instance.Get(viaLibc));
        Assert.Null(LibcEnvironment.Instance.Get(viaManaged));
        Environment.SetEnvironmentVariable(viaManaged, null);
    }
}
