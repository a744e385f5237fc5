using System.Text;
using EmrStudio.SessionMappingHandler.Runtime;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Runtime;

/// <summary>The loop against the Runtime API in memory: every step waits on a signal, none on time.</summary>
public sealed class InvocationLoopTests : IDisposable
{
    private static readonly TimeSpan Later = TimeSpan.FromSeconds(30);

    private readonly RuntimeLoopHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task RunAsync_HandlerSucceeds_PostsASmallResponseAndAsksForTheNextEvent()
    {
        var seen = new List<string>();
        var loop = _harness.Loop((body, _, _) =>
        {
            seen.Add(Encoding.UTF8.GetString(body.Span));
            return Task.CompletedTask;
        });
        _harness.Runtime.Offer("{\"n\":1}", "req-1", _harness.In(Later));
        _harness.Runtime.Offer("{\"n\":2}", "req-2", _harness.In(Later));

        var running = loop.RunAsync(_harness.Stop.Token);

        var first = await _harness.Runtime.WaitForResultAsync("req-1");
        var second = await _harness.Runtime.WaitForResultAsync("req-2");
        await _harness.Runtime.WaitForNextCallAsync(3);
        Assert.False(first.IsError);
        Assert.Equal("{}", first.Body);
        Assert.False(second.IsError);
        Assert.Equal(["{\"n\":1}", "{\"n\":2}"], seen);

        await _harness.Stop.CancelAsync();
        Assert.Equal(InvocationLoop.StoppedExitCode, await running.Guarded());
        Assert.Equal(3, _harness.Runtime.NextCallCount);
    }

    [Fact]
    public async Task RunAsync_EventCarriesItsContext_HandedToTheHandlerAsLambdaSentIt()
    {
        InvocationContext? seen = null;
        var loop = _harness.Loop((_, context, _) =>
        {
            seen = context;
            return Task.CompletedTask;
        });
        var deadline = _harness.In(Later);
        _harness.Runtime.Offer("{}", "req-1", deadline, functionArn: "arn:aws:lambda:eu-west-1:123456789012:function:f");

        _ = loop.RunAsync(_harness.Stop.Token);
        await _harness.Runtime.WaitForResultAsync("req-1");

        Assert.NotNull(seen);
        Assert.Equal("req-1", seen.AwsRequestId);
        Assert.Equal(deadline, seen.Deadline);
        Assert.Equal("arn:aws:lambda:eu-west-1:123456789012:function:f", seen.InvokedFunctionArn);
    }

    [Fact]
    public async Task RunAsync_TraceIdHeader_SetsXAmznTraceIdForTheHandlerAndClearsItForTheNextEvent()
    {
        var traces = new List<string?>();
        var loop = _harness.Loop((_, _, _) =>
        {
            traces.Add(_harness.Environment[InvocationLoop.TraceIdVariable]);
            return Task.CompletedTask;
        });
        _harness.Runtime.Offer("{}", "req-1", _harness.In(Later), traceId: "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
        _harness.Runtime.Offer("{}", "req-2", _harness.In(Later));

        _ = loop.RunAsync(_harness.Stop.Token);
        await _harness.Runtime.WaitForResultAsync("req-2");

        Assert.Equal(["Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", null], traces);
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_PostsTheErrorAndGoesOnWithTheNextEvent()
    {
        var loop = _harness.Loop((body, _, _) => Encoding.UTF8.GetString(body.Span) == "bad"
            ? throw new InvalidOperationException("the handler broke")
            : Task.CompletedTask);
        _harness.Runtime.Offer("bad", "req-bad", _harness.In(Later));
        _harness.Runtime.Offer("good", "req-good", _harness.In(Later));

        _ = loop.RunAsync(_harness.Stop.Token);

        var failed = await _harness.Runtime.WaitForResultAsync("req-bad");
        Assert.True(failed.IsError);
        Assert.Equal("the handler broke", failed.Error!.ErrorMessage);
        Assert.Equal("InvalidOperationException", failed.Error.ErrorType);
        Assert.Empty(failed.Error.StackTrace);
        Assert.False((await _harness.Runtime.WaitForResultAsync("req-good")).IsError);
    }

    [Fact]
    public async Task RunAsync_ErrorMessageCarriesAPresignedUrl_ReportedWithoutTheQueryString()
    {
        const string Signature = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
        var loop = _harness.Loop((_, _, _) => throw new InvalidOperationException(
            $"PUT https://bucket.s3.amazonaws.com/key?X-Amz-Signature={Signature} failed"));
        _harness.Runtime.Offer("{}", "req-1", _harness.In(Later));

        _ = loop.RunAsync(_harness.Stop.Token);

        var failed = await _harness.Runtime.WaitForResultAsync("req-1");
        Assert.DoesNotContain(Signature, failed.Error!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("https://bucket.s3.amazonaws.com/key", failed.Error.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Signature, _harness.Log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RuntimeApiAnswers500WhileWaiting_ReturnsTheExitCode()
    {
        var loop = _harness.Loop((_, _, _) => Task.CompletedTask);
        var running = loop.RunAsync(_harness.Stop.Token);
        await _harness.Runtime.WaitForNextCallAsync(1);

        _harness.Runtime.FailNextCall(new RuntimeApiFatalException("GET /runtime/invocation/next answered 500: the runtime must exit."));

        Assert.Equal(InvocationLoop.RuntimeApiExitCode, await running.Guarded());
        Assert.Equal(1, _harness.Runtime.NextCallCount);
    }

    [Fact]
    public async Task RunAsync_RuntimeApiRefusesTheResultWith500_ReturnsTheExitCode()
    {
        var loop = _harness.Loop((_, _, _) =>
        {
            _harness.Runtime.RefuseResults(new RuntimeApiFatalException("POST /runtime/invocation/{id}/response answered 500: the runtime must exit."));
            return Task.CompletedTask;
        });
        _harness.Runtime.Offer("{}", "req-1", _harness.In(Later));

        Assert.Equal(InvocationLoop.RuntimeApiExitCode, await loop.RunAsync(_harness.Stop.Token).Guarded());
        Assert.Equal(1, _harness.Runtime.NextCallCount);
    }

    [Fact]
    public async Task RunAsync_RuntimeApiRefusesOneResult_GoesOnWithTheNextEvent()
    {
        var loop = _harness.Loop((body, _, _) =>
        {
            if (Encoding.UTF8.GetString(body.Span) == "refused")
            {
                _harness.Runtime.RefuseResults(new RuntimeApiException("POST /runtime/invocation/{id}/response answered 413: too large", 413));
            }

            return Task.CompletedTask;
        });
        _harness.Runtime.Offer("refused", "req-1", _harness.In(Later));

        var running = loop.RunAsync(_harness.Stop.Token);
        await _harness.Runtime.WaitForNextCallAsync(2);

        Assert.False(running.IsCompleted);
        Assert.Empty(_harness.Runtime.Results);
        Assert.Contains("Could not report the invocation result.", _harness.Log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RuntimeApiUnreachable_GivesUpAfterConsecutiveFailures()
    {
        for (var i = 0; i < InvocationLoop.MaxConsecutiveNextFailures; i++)
        {
            _harness.Runtime.FailNextCall(new HttpRequestException("Connection refused (127.0.0.1:9001)"));
        }

        var loop = _harness.Loop((_, _, _) => Task.CompletedTask);

        Assert.Equal(InvocationLoop.RuntimeApiExitCode, await loop.RunAsync(_harness.Stop.Token).Guarded());
        Assert.Equal(InvocationLoop.MaxConsecutiveNextFailures, _harness.Runtime.NextCallCount);
    }

    [Fact]
    public async Task RunAsync_RuntimeApiUnreachableFewerTimesThanTheLimit_HandlesTheNextEvent()
    {
        for (var i = 1; i < InvocationLoop.MaxConsecutiveNextFailures; i++)
        {
            _harness.Runtime.FailNextCall(new IOException("The response ended prematurely."));
        }

        _harness.Runtime.Offer("{}", "req-1", _harness.In(Later));
        var loop = _harness.Loop((_, _, _) => Task.CompletedTask);

        var running = loop.RunAsync(_harness.Stop.Token);

        Assert.False((await _harness.Runtime.WaitForResultAsync("req-1")).IsError);
        Assert.False(running.IsCompleted);
    }

    [Fact]
    public async Task RunAsync_CallForAnEventFails_WaitsItsBackoffOnItsClockBeforeAskingAgain()
    {
        var wait = TimeSpan.FromMilliseconds(200);
        _harness.Runtime.FailNextCall(new HttpRequestException("Connection refused (127.0.0.1:9001)"));
        var loop = _harness.Loop((_, _, _) => Task.CompletedTask, TestBackoffs.Exactly(wait));

        _ = loop.RunAsync(_harness.Stop.Token);
        await _harness.Time.WaitForTimerAsync(wait);

        Assert.Equal(1, _harness.Runtime.NextCallCount);
        _harness.Time.Advance(wait);
        await _harness.Runtime.WaitForNextCallAsync(2);
    }

    [Fact]
    public async Task RunAsync_StoppedDuringTheBackoff_ReturnsStopped()
    {
        var wait = TimeSpan.FromMilliseconds(200);
        _harness.Runtime.FailNextCall(new HttpRequestException("Connection refused (127.0.0.1:9001)"));
        var loop = _harness.Loop((_, _, _) => Task.CompletedTask, TestBackoffs.Exactly(wait));

        var running = loop.RunAsync(_harness.Stop.Token);
        await _harness.Time.WaitForTimerAsync(wait);
        await _harness.Stop.CancelAsync();

        Assert.Equal(InvocationLoop.StoppedExitCode, await running.Guarded());
        Assert.Equal(1, _harness.Runtime.NextCallCount);
    }
}
