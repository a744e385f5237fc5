using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing.CloudFormation;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.CustomResource.Answer;

/// <summary>
/// The responder over real HTTP against the receiver. Its clock is a fake one that moves only when a test moves it,
/// so no attempt times out because the machine is slow; deadlines end on the receiver's signals, at an exact attempt.
/// </summary>
public sealed class CloudFormationResponderTests : IAsyncLifetime
{
    private const string StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f";
    private const string RequestId = "7d4e1c2a-5b6f-4a3e-9d8c-1f2e3d4c5b6a";
    private const string LogicalResourceId = "DataScientists";

    private readonly ResponseUrlReceiver _receiver = new();
    private readonly HttpClient _http = new();
    private readonly CapturedJsonLog _log = new();
    private readonly WatchedTimeProvider _time = new();
    private CloudFormationResponder _responder = null!;
    private string _url = null!;

    public async Task InitializeAsync()
    {
        await _receiver.StartAsync();
        _receiver.Clock = _time;
        _url = _receiver.CreateResponseUrl(StackId, RequestId, LogicalResourceId);
        _responder = TestResponders.OnClock(_http, _log.Log, _time);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_ReceiverAccepts_PutsOnceWithoutContentTypeAndWithUtf8ContentLength()
    {
        await _responder.SendAsync(_url, Response("Échec – 数据"), CancellationToken.None).Guarded();

        var answer = await _receiver.WaitForAnswerAsync(_url, HangGuard.Limit);
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
        using var deadline = new CancellationTokenSource();
        _receiver.OnAttempt(_url, attempt => EndAt(attempt, 2, deadline));

        var error = await Assert.ThrowsAsync<ResponseDeliveryException>(() => _responder.SendAsync(_url, Response(), deadline.Token).Guarded());

        // Whether the deadline caught the second attempt in flight or after its answer, the redirect is what is named.
        Assert.Contains($"HTTP {status}", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _receiver.AttemptCount(_url));
        Assert.Equal(0, _receiver.AcceptedCount(_url));
    }

    [Fact]
    public async Task SendAsync_TimeRunsOutDuringARetry_NamesTheFailureBeforeIt()
    {
        _receiver.FailNext(_url, 1, 304);
        _receiver.StallNext(_url, Timeout.InfiniteTimeSpan);
        using var deadline = new CancellationTokenSource();
        _receiver.OnAttempt(_url, attempt => EndAt(attempt, 2, deadline));

        var error = await Assert.ThrowsAsync<ResponseDeliveryException>(() => _responder.SendAsync(_url, Response(), deadline.Token).Guarded());

        Assert.Contains("the time ran out during an attempt; the one before failed with HTTP 304", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _receiver.AcceptedCount(_url));
    }

    [Fact]
    public async Task SendAsync_TokenAlreadyEnded_StillMakesOneAttempt()
    {
        using var ended = new CancellationTokenSource();
        await ended.CancelAsync();

        await _responder.SendAsync(_url, Response(), ended.Token).Guarded();

        Assert.Equal(1, _receiver.AcceptedCount(_url));
        Assert.Equal(1, _receiver.AttemptCount(_url));
    }

    [Fact]
    public async Task SendAsync_TokenAlreadyEndedAndTheAttemptStalls_BoundedByTheFirstAttemptFloor()
    {
        _receiver.StallForever(_url, Timeout.InfiniteTimeSpan);
        using var ended = new CancellationTokenSource();
        await ended.CancelAsync();

        var sending = _responder.SendAsync(_url, Response(), ended.Token);
        await _receiver.WaitForAttemptAsync(_url, 1, HangGuard.Limit);
        await _time.WaitForTimerAsync(CloudFormationResponder.FirstAttemptFloor);
        _time.Advance(CloudFormationResponder.FirstAttemptFloor);

        var error = await Assert.ThrowsAsync<ResponseDeliveryException>(() => sending.Guarded());
        Assert.Contains($"no answer within {CloudFormationResponder.FirstAttemptFloor.TotalMilliseconds:0} ms", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _receiver.AttemptCount(_url));
    }

    [Fact]
    public async Task SendAsync_TokenAlreadyEndedAndTheAttemptFails_MakesNoSecond()
    {
        _receiver.FailForever(_url, 500);
        using var ended = new CancellationTokenSource();
        await ended.CancelAsync();

        await Assert.ThrowsAsync<ResponseDeliveryException>(() => _responder.SendAsync(_url, Response(), ended.Token).Guarded());

        Assert.Equal(1, _receiver.AttemptCount(_url));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(403)]
    [InlineData(503)]
    public async Task SendAsync_FailsTwiceThenSucceeds_DeliversExactlyOnce(int status)
    {
        _receiver.FailNext(_url, 2, status);

        await _responder.SendAsync(_url, Response(), CancellationToken.None).Guarded();

        Assert.Equal(3, _receiver.AttemptCount(_url));
        Assert.Equal(1, _receiver.AcceptedCount(_url));
        Assert.Empty(_receiver.Violations);
    }

    [Fact]
    public async Task SendAsync_ConnectionDropped_RetriesAndDelivers()
    {
        _receiver.DropNextConnections(_url, 2);

        await _responder.SendAsync(_url, Response(), CancellationToken.None).Guarded();

        Assert.Equal(3, _receiver.AttemptCount(_url));
        Assert.Equal(1, _receiver.AcceptedCount(_url));
    }

    [Fact]
    public async Task SendAsync_AttemptFails_WaitsItsBackoffOnItsClockBeforeTheNext()
    {
        var wait = TimeSpan.FromMilliseconds(300);
        var responder = TestResponders.OnClock(_http, _log.Log, _time, TestBackoffs.Exactly(wait));
        _receiver.FailNext(_url, 1);

        var sending = responder.SendAsync(_url, Response(), CancellationToken.None);
        await _time.WaitForTimerAsync(wait);

        Assert.Equal(1, _receiver.AttemptCount(_url));
        _time.Advance(wait);
        await sending.Guarded();
        Assert.Equal(2, _receiver.AttemptCount(_url));
        Assert.Equal(1, _receiver.AcceptedCount(_url));
    }

    [Fact]
    public async Task SendAsync_FailsForGood_RetriesUntilTheTokenEndsThenThrows()
    {
        _receiver.FailForever(_url);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1), _time);
        _receiver.OnAttempt(_url, attempt =>
        {
            if (attempt == 3)
            {
                _time.Advance(TimeSpan.FromSeconds(1));
            }
        });

        var exception = await Assert.ThrowsAsync<ResponseDeliveryException>(() => _responder.SendAsync(_url, Response(), deadline.Token).Guarded());

        Assert.Equal(3, _receiver.AttemptCount(_url));
        Assert.Equal(0, _receiver.AcceptedCount(_url));
        Assert.Contains("HTTP 500", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_receiver.SignatureOf(_url), exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz", exception.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SendAsync_OneAttemptStalls_AbandonedAfterTheAttemptTimeoutAndRetried()
    {
        _receiver.StallNext(_url, Timeout.InfiniteTimeSpan);

        var sending = _responder.SendAsync(_url, Response(), CancellationToken.None);
        await _receiver.WaitForAttemptAsync(_url, 1, HangGuard.Limit);
        await _time.WaitForTimerAsync(CloudFormationResponder.DefaultAttemptTimeout);
        _time.Advance(CloudFormationResponder.DefaultAttemptTimeout);
        await sending.Guarded();

        Assert.Equal(2, _receiver.AttemptCount(_url));
        Assert.Equal(1, _receiver.AcceptedCount(_url));
        Assert.Contains(
            $"no answer within {CloudFormationResponder.DefaultAttemptTimeout.TotalMilliseconds:0} ms",
            Assert.Single(_log.LinesWith("message", "Delivering the answer to CloudFormation failed; retrying.")).GetProperty("problem").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_OneAttemptStallsWithinItsTimeout_IsWaitedFor()
    {
        _receiver.StallNext(_url, Timeout.InfiniteTimeSpan);

        var sending = _responder.SendAsync(_url, Response(), CancellationToken.None);
        await _receiver.WaitForAttemptAsync(_url, 1, HangGuard.Limit);
        await _time.WaitForTimerAsync(CloudFormationResponder.DefaultAttemptTimeout);
        _time.Advance(CloudFormationResponder.DefaultAttemptTimeout - TimeSpan.FromMilliseconds(1));

        Assert.False(sending.IsCompleted);
        Assert.Equal(1, _receiver.AttemptCount(_url));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await sending.Guarded();
        Assert.Equal(2, _receiver.AttemptCount(_url));
    }

    [Fact]
    public async Task SendAsync_EveryAttemptStalls_BoundedByTheToken()
    {
        _receiver.StallForever(_url, Timeout.InfiniteTimeSpan);
        var responder = TestResponders.OnClock(_http, _log.Log, _time, attemptTimeout: TimeSpan.FromSeconds(30));
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(800), _time);

        var sending = responder.SendAsync(_url, Response(), deadline.Token);
        await _receiver.WaitForAttemptAsync(_url, 1, HangGuard.Limit);
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromMilliseconds(800));

        var error = await Assert.ThrowsAsync<ResponseDeliveryException>(() => sending.Guarded());
        Assert.Contains("the time ran out during an attempt", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _receiver.AttemptCount(_url));
        Assert.Equal(0, _receiver.AcceptedCount(_url));
    }

    [Fact]
    public async Task SendAsync_ReasonOf5000Characters_BodyFitsIn4096Bytes()
    {
        await _responder.SendAsync(_url, Response(new string('x', 5000)), CancellationToken.None).Guarded();

        var answer = await _receiver.WaitForAnswerAsync(_url, HangGuard.Limit);
        Assert.Empty(_receiver.Violations);
        Assert.Equal(1, _receiver.AcceptedCount(_url));
        Assert.True(answer.BodyBytes <= 4096);
        Assert.EndsWith("...", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NonAsciiReasonOf5000Characters_FitsAndStaysValidUtf8()
    {
        await _responder.SendAsync(_url, Response(string.Concat(Enumerable.Repeat("数😀ä", 2000))), CancellationToken.None).Guarded();

        var answer = await _receiver.WaitForAnswerAsync(_url, HangGuard.Limit);
        Assert.Empty(_receiver.Violations);
        Assert.Equal(1, _receiver.AcceptedCount(_url));
        Assert.True(answer.BodyBytes <= 4096);
        Assert.StartsWith("数😀ä数😀ä", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_FailuresLogged_NeverWithTheQueryString()
    {
        _receiver.FailNext(_url, 3);

        await _responder.SendAsync(_url, Response(), CancellationToken.None).Guarded();

        Assert.Equal(3, _log.LinesWith("message", "Delivering the answer to CloudFormation failed; retrying.").Count);
        Assert.DoesNotContain(_receiver.SignatureOf(_url), _log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz", _log.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(new Uri(_url).AbsolutePath, _log.Text, StringComparison.Ordinal);
    }

    /// <summary>Ends <paramref name="deadline"/> while attempt number <paramref name="last"/> is at the receiver, unanswered.</summary>
    private static void EndAt(int attempt, int last, CancellationTokenSource deadline)
    {
        if (attempt == last)
        {
            deadline.Cancel();
        }
    }

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
