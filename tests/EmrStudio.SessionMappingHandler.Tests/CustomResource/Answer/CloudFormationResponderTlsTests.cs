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
        var responder = TestResponders.OnClock(http, new CapturedJsonLog().Log, new WatchedTimeProvider());
        var url = _receiver.CreateResponseUrl("s", "r", "l");
        Assert.StartsWith("https://", url, StringComparison.Ordinal);

        await responder.SendAsync(url, Response(), CancellationToken.None).Guarded();

        Assert.Equal(1, _receiver.AcceptedCount(url));
        Assert.Empty(_receiver.Violations);
    }

    [Fact]
    public async Task SendAsync_HttpsCertificateNotTrusted_NeverDeliveredAndFailsWhenTheTokenEnds()
    {
        using var http = new HttpClient();
        var time = new WatchedTimeProvider();
        // The wait after the first refused handshake outlasts the deadline, so the deadline ends the delivery there.
        var backoff = TimeSpan.FromSeconds(1);
        var responder = TestResponders.OnClock(http, new CapturedJsonLog().Log, time, TestBackoffs.Exactly(backoff));
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(500), time);
        var url = _receiver.CreateResponseUrl("s", "r", "l");

        var sending = responder.SendAsync(url, Response(), deadline.Token);
        await time.WaitForTimerAsync(backoff);
        time.Advance(TimeSpan.FromMilliseconds(500));

        var error = await Assert.ThrowsAsync<ResponseDeliveryException>(() => sending.Guarded());
        Assert.Contains("after 1 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("SSL", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _receiver.TotalRequests);
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
