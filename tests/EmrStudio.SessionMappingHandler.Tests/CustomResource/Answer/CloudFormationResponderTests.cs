using System.Diagnostics;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing.CloudFormation;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.CustomResource.Answer;

public sealed class CloudFormationResponderTests : IAsyncLifetime
{
    private const string StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f";
    private const string RequestId = "7d4e1c2a-5b6f-4a3e-9d8c-1f2e3d4c5b6a";
    private const string LogicalResourceId = "DataScientists";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly ResponseUrlReceiver _receiver = new();
    private readonly HttpClient _http = new();
    private readonly CapturedJsonLog _log = new();
    private CloudFormationResponder _responder = null!;
    private string _url = null!;

    public async Task InitializeAsync()
    {
        await _receiver.StartAsync();
        _url = _receiver.CreateResponseUrl(StackId, RequestId, LogicalResourceId);
        _responder = TestResponders.Fast(_http, _log.Log);
    }

    /// <summary>
    /// One delivery to another URL first, so that the attempt under test reuses a pooled connection and is bounded by
    /// the PUT itself, not by how fast a loaded machine opens one.
    /// </summary>
    private async Task WarmConnectionAsync() =>
        await _responder.SendAsync(_receiver.CreateResponseUrl(StackId, RequestId, LogicalResourceId), Response(), Token(Wait));

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_ReceiverAccepts_PutsOnceWithoutContentTypeAndWithUtf8ContentLength()
    {
        await _responder.SendAsync(_url, Response("Échec – 数据"), Token(Wait));

        var answer = await _receiver.WaitForAnswerAsync(_url, Wait);
        Assert.Empty(_receiver.Violations);
        Assert.Null(answer.ContentType);
        Assert.Equal(answer.BodyBytes, answer.ContentLength);
        Assert.Equal("FAILED", answer.Status);
        Assert.Equal("Échec – 数据", answer.Reason);
        Assert.Equal(1, _receiver.AcceptedCount(_url));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(307)]
    [InlineData(304)]
    public async Task SendAsync_ReceiverAnswersARedirect_IsNotDeliveredAndRetried(int status)
    {
        _receiver.FailForever(_url, status);

        var error = await Assert.ThrowsAsync<ResponseDeliveryException>(() => _responder.SendAsync(_url, Response(), Token(TimeSpan.FromMilliseconds(400))));

        Assert.Contains($"HTTP {status}", error.Message, StringComparison.Ordinal);
        Assert.True(_receiver.AttemptCount(_url) > 1);
        Assert.Equal(0, _receiver.AcceptedCount(_url));
    }

    [Fact]
    public async Task SendAsync_TimeRunsOutDuringARetry_NamesTheFailureBeforeIt()
    {
        _receiver.FailNext(_url, 1, 304);
        _receiver.StallNext(_url, TimeSpan.FromSeconds(10));
        var responder = TestResponders.Fast(_http, _log.Log, attemptTimeout: TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<ResponseDeliveryException>(() => responder.SendAsync(_url, Response(), Token(TimeSpan.FromMilliseconds(1500))));

        Assert.Contains("the time ran out during an attempt; the one before failed with HTTP 304", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _receiver.AcceptedCount(_url));
    }

    [Fact]
    public async Task SendAsync_TokenAlreadyEnded_StillMakesOneAttempt()
    {
        await WarmConnectionAsync();
        using var ended = new CancellationTokenSource();
        await ended.CancelAsync();

        await _responder.SendAsync(_url, Response(), ended.Token);

        Assert.Equal(1, _receiver.AcceptedCount(_url));
        Assert.Equal(1, _receiver.AttemptCount(_url));
    }

    [Fact]
    public async Task SendAsync_TokenAlreadyEndedAndTheAttemptFails_MakesNoSecond()
    {
        _receiver.FailForever(_url, 500);
        await WarmConnectionAsync();
        using var ended = new CancellationTokenSource();
        await ended.CancelAsync();

        await Assert.ThrowsAsync<ResponseDeliveryException>(() => _responder.SendAsync(_url, Response(), ended.Token));

        Assert.Equal(1, _receiver.AttemptCount(_url));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(403)]
    [InlineData(503)]
    public async Task SendAsync_FailsTwiceThenSucceeds_DeliversExactlyOnce(int status)
    {
        _receiver.FailNext(_url, 2, status);

        await _responder.SendAsync(_url, Response(), Token(Wait));

        Assert.Equal(3, _receiver.AttemptCount(_url));
        Assert.Equal(1, _receiver.AcceptedCount(_url));
        Assert.Empty(_receiver.Violations);
    }

    [Fact]
    public async Task SendAsync_ConnectionDropped_RetriesAndDelivers()
    {
        _receiver.DropNextConnections(_url, 2);

        await _responder.SendAsync(_url, Response(), Token(Wait));

        Assert.Equal(1, _receiver.AcceptedCount(_url));
    }

    [Fact]
    public async Task SendAsync_FailsForGood_ThrowsDeliveryExceptionBeforeTheTokenEnds()
    {
        _receiver.FailForever(_url);
        var stopwatch = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<ResponseDeliveryException>(
            () => _responder.SendAsync(_url, Response(), Token(TimeSpan.FromSeconds(1))));

        // Generous upper bounds: the machine is shared, and the point is "near the token's end, not the stall's".
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(4));
        Assert.True(_receiver.AttemptCount(_url) > 2);
        Assert.Equal(0, _receiver.AcceptedCount(_url));
        Assert.DoesNotContain(_receiver.SignatureOf(_url), exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz", exception.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SendAsync_OneAttemptStalls_AbandonedAfterTheAttemptTimeoutAndRetried()
    {
        _receiver.StallNext(_url, TimeSpan.FromSeconds(30));
        var stopwatch = Stopwatch.StartNew();

        await _responder.SendAsync(_url, Response(), Token(Wait));

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(6));
        Assert.Equal(2, _receiver.AttemptCount(_url));
        Assert.Equal(1, _receiver.AcceptedCount(_url));
    }

    [Fact]
    public async Task SendAsync_EveryAttemptStalls_BoundedByTheToken()
    {
        _receiver.StallForever(_url, TimeSpan.FromSeconds(30));
        var responder = TestResponders.Fast(_http, _log.Log, TimeSpan.FromSeconds(30));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<ResponseDeliveryException>(() => responder.SendAsync(_url, Response(), Token(TimeSpan.FromMilliseconds(800))));

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(4));
        Assert.Equal(0, _receiver.AcceptedCount(_url));
    }

    [Fact]
    public async Task SendAsync_ReasonOf5000Characters_BodyFitsIn4096Bytes()
    {
        await _responder.SendAsync(_url, Response(new string('x', 5000)), Token(Wait));

        var answer = await _receiver.WaitForAnswerAsync(_url, Wait);
        Assert.Empty(_receiver.Violations);
        Assert.True(answer.BodyBytes <= 4096);
        Assert.EndsWith("...", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NonAsciiReasonOf5000Characters_FitsAndStaysValidUtf8()
    {
        await _responder.SendAsync(_url, Response(string.Concat(Enumerable.Repeat("数😀ä", 2000))), Token(Wait));

        var answer = await _receiver.WaitForAnswerAsync(_url, Wait);
        Assert.Empty(_receiver.Violations);
        Assert.True(answer.BodyBytes <= 4096);
        Assert.StartsWith("数😀ä数😀ä", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_FailuresLogged_NeverWithTheQueryString()
    {
        _receiver.FailNext(_url, 3);

        await _responder.SendAsync(_url, Response(), Token(Wait));

        Assert.NotEmpty(_log.Lines);
        Assert.DoesNotContain(_receiver.SignatureOf(_url), _log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz", _log.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(new Uri(_url).AbsolutePath, _log.Text, StringComparison.Ordinal);
    }

    private static CancellationToken Token(TimeSpan after) => new CancellationTokenSource(after).Token;

    private static CloudFormationResponse Response(string? reason = null) => new()
    {
        Status = reason is null ? ResponseStatus.Success : ResponseStatus.Failed,
        Reason = reason,
        PhysicalResourceId = "es-0123456789ABCDEFGHIJKLMNO/GROUP/90676d2f-4021-70b3-c1d1-6b8a2c3e4f50",
        StackId = StackId,
        RequestId = RequestId,
        LogicalResourceId = LogicalResourceId,
        Data = new() { ["StudioId"] = "es-0123456789ABCDEFGHIJKLMNO" },
    };
}
