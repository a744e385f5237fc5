using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing.CloudFormation;
using EmrStudio.Testing.Hosting;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.CustomResource.Answer;

/// <summary>Real ResponseURLs are HTTPS; the answer must go through TLS with the certificate validated.</summary>
public sealed class CloudFormationResponderTlsTests : IAsyncLifetime
{
    private readonly TestCertificateAuthority _authority = new();
    private readonly ResponseUrlReceiver _receiver = new();

    public Task InitializeAsync() => _receiver.StartAsync(_authority);

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _authority.Dispose();
    }

    [Fact]
    public async Task SendAsync_HttpsResponseUrlTrustedCa_DeliversTheAnswer()
    {
        using var handler = TrustingOnly(_authority.CaFile);
        using var http = new HttpClient(handler, disposeHandler: false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var responder = TestResponders.Fast(http, new CapturedJsonLog().Log, TimeSpan.FromSeconds(5));
        var url = _receiver.CreateResponseUrl("s", "r", "l");
        Assert.StartsWith("https://", url, StringComparison.Ordinal);

        await responder.SendAsync(url, Response(), timeout.Token);

        Assert.Equal(1, _receiver.AcceptedCount(url));
        Assert.Empty(_receiver.Violations);
    }

    [Fact]
    public async Task SendAsync_HttpsCertificateNotTrusted_NeverDeliveredAndFailsWhenTheTokenEnds()
    {
        using var http = new HttpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var responder = TestResponders.Fast(http, new CapturedJsonLog().Log, TimeSpan.FromSeconds(5));
        var url = _receiver.CreateResponseUrl("s", "r", "l");

        await Assert.ThrowsAsync<ResponseDeliveryException>(
            () => responder.SendAsync(url, Response(), timeout.Token));

        Assert.Equal(0, _receiver.AcceptedCount(url));
    }

    private static SocketsHttpHandler TrustingOnly(string caFile)
    {
        var authority = X509CertificateLoader.LoadCertificateFromFile(caFile);
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    RevocationMode = X509RevocationMode.NoCheck,
                    CustomTrustStore = { authority },
                },
            },
        };
    }

    private static CloudFormationResponse Response() => new()
    {
        Status = ResponseStatus.Success,
        PhysicalResourceId = "p",
        StackId = "s",
        RequestId = "r",
        LogicalResourceId = "l",
    };
}
