using System.Net;
using System.Security.Authentication;
using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing.Hosting;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Http;

public sealed class HttpsTrustTests : IDisposable
{
    private readonly TestCertificateAuthority _authority = new();
    private readonly CancellationTokenSource _deadline = new(HangGuard.Limit);

    [Fact]
    public async Task EmrClient_OverHttpsTrustedThroughCertificateFile_Works()
    {
        await using var session = await FakeEmrSession.StartAsync(_authority);
        var trust = CertificateTrust.Resolve(new DictionaryEnvironment(("SSL_CERT_FILE", _authority.CaFile)));
        using var client = session.CreateClient(trust: trust);

        await client.CreateStudioSessionMappingAsync(session.Input(session.User), _deadline.Token);

        Assert.Equal(Uri.UriSchemeHttps, session.Emr.BaseAddress.Scheme);
        Assert.Single(session.Emr.Mappings);
    }

    [Fact]
    public async Task EmrClient_OverHttpsWithoutCertificateFile_FailsPromptlyWithACertificateError()
    {
        await using var session = await FakeEmrSession.StartAsync(_authority);
        using var client = session.CreateClient(trust: CertificateTrust.Resolve(new DictionaryEnvironment()));

        var error = await Assert.ThrowsAsync<HttpRequestException>(
            () => client.CreateStudioSessionMappingAsync(session.Input(session.User), _deadline.Token));

        Assert.Equal(HttpRequestError.SecureConnectionError, error.HttpRequestError);
        Assert.IsType<AuthenticationException>(error.InnerException);
        Assert.Empty(session.Emr.Requests);
        var line = Assert.Single(session.Log.Lines);
        Assert.Equal("CertificateRejected", line.Fields["errorType"]);
        Assert.Equal(false, line.Fields["retrying"]);
    }

    [Fact]
    public async Task Handler_TrustedCertificateButWrongHostName_IsRejected()
    {
        await using var session = await FakeEmrSession.StartAsync(_authority);
        var trust = CertificateTrust.Resolve(new DictionaryEnvironment(("SSL_CERT_FILE", _authority.CaFile)));
        using var handler = HttpHandlerFactory.Create(trust);
        // Connect to the fake's address while asking TLS for a name its certificate does not carry.
        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, session.Emr.BaseAddress.Port, cancellationToken);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        };
        using var http = new HttpClient(handler);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri($"https://emr.example.test:{session.Emr.BaseAddress.Port}/"), _deadline.Token));

        Assert.IsType<AuthenticationException>(error.InnerException);
    }

    [Fact]
    public void Create_Always_PoolsConnectionsWithoutDecompressionOrRedirects()
    {
        var trust = CertificateTrust.Resolve(new DictionaryEnvironment(("SSL_CERT_FILE", _authority.CaFile)));

        using var handler = HttpHandlerFactory.Create(trust, TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(3), handler.ConnectTimeout);
        Assert.Equal(HttpHandlerFactory.DefaultPooledConnectionLifetime, handler.PooledConnectionLifetime);
        Assert.Equal(DecompressionMethods.None, handler.AutomaticDecompression);
        Assert.False(handler.AllowAutoRedirect);
        Assert.Null(handler.SslOptions.RemoteCertificateValidationCallback);
        Assert.Equal(System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust, handler.SslOptions.CertificateChainPolicy!.TrustMode);
    }

    [Fact]
    public void Create_PlatformDefaultTrust_LeavesValidationToThePlatform()
    {
        using var handler = HttpHandlerFactory.Create(CertificateTrust.Resolve(new DictionaryEnvironment()));

        Assert.Null(handler.SslOptions.CertificateChainPolicy);
        Assert.Null(handler.SslOptions.RemoteCertificateValidationCallback);
    }

    public void Dispose()
    {
        _deadline.Dispose();
        _authority.Dispose();
    }
}
