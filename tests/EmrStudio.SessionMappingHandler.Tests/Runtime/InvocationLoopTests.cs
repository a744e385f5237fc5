using System.Text;
using System.Text.Json;
using EmrStudio.SessionMappingHandler.Retry;
using EmrStudio.SessionMappingHandler.Runtime;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Runtime;

public sealed class InvocationLoopTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly RuntimeLoopHarness _runtime = new();

    public async Task InitializeAsync()
    {
        await _runtime.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _runtime.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_HandlerSucceeds_PostsASmallResponseAndAsksForTheNextEvent()
    {
        var seen = new List<string>();
        var loop = Loop((body, _, _) =>
        {
            seen.Add(Encoding.UTF8.GetString(body.Span));
            return Task.CompletedTask;
        });
        _runtime.Api.Enqueue("{\"n\":1}", "req-1", DateTimeOffset.UtcNow.AddSeconds(30));
        _runtime.Api.Enqueue("{\"n\":2}", "req-2", DateTimeOffset.UtcNow.AddSeconds(30));

        var running = loop.RunAsync(_runtime.Stop.Token);

        var first = await _runtime.Api.WaitForResultAsync("req-1", Wait);
        var second = await _runtime.Api.WaitForResultAsync("req-2", Wait);
        Assert.False(first.IsError);
        Assert.Equal("{}", first.Body);
        Assert.False(second.IsError);
        Assert.Equal(["{\"n\":1}", "{\"n\":2}"], seen);

        await _runtime.Stop.CancelAsync();
        Assert.Equal(InvocationLoop.StoppedExitCode, await running.WaitAsync(Wait));
    }

    [Fact]
    public async Task RunAsync_TraceIdHeader_SetsXAmznTraceIdForTheHandlerAndClearsItForTheNextEvent()
    {
        var traces = new List<string?>();
        var loop = Loop((_, _, _) =>
        {
            traces.Add(_runtime.Environment[InvocationLoop.TraceIdVariable]);
            return Task.CompletedTask;
        });
        _runtime.Api.Enqueue("{}", "req-1", DateTimeOffset.UtcNow.AddSeconds(30), traceId: "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
        _runtime.Api.Enqueue("{}", "req-2", DateTimeOffset.UtcNow.AddSeconds(30));

        _ = loop.RunAsync(_runtime.Stop.Token);
        await _runtime.Api.WaitForResultAsync("req-2", Wait);

        Assert.Equal(["Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", null], traces);
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_PostsTheErrorAndGoesOnWithTheNextEvent()
    {
        var loop = Loop((body, _, _) => Encoding.UTF8.GetString(body.Span) == "bad"
            ? throw new InvalidOperationException("the handler broke")
            : Task.CompletedTask);
        _runtime.Api.Enqueue("bad", "req-bad", DateTimeOffset.UtcNow.AddSeconds(30));
        _runtime.Api.Enqueue("good", "req-good", DateTimeOffset.UtcNow.AddSeconds(30));

        _ = loop.RunAsync(_runtime.Stop.Token);

        var failed = await _runtime.Api.WaitForResultAsync("req-bad", Wait);
        Assert.True(failed.IsError);
        Assert.Equal("InvalidOperationException", failed.ErrorTypeHeader);
        var body = JsonDocument.Parse(failed.Body).RootElement;
        Assert.Equal("the handler broke", body.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidOperationException", body.GetProperty("errorType").GetString());
        Assert.Equal(JsonValueKind.Array, body.GetProperty("stackTrace").ValueKind);
        Assert.False((await _runtime.Api.WaitForResultAsync("req-good", Wait)).IsError);
    }

    [Fact]
    public async Task RunAsync_ErrorMessageCarriesAPresignedUrl_ReportedWithoutTheQueryString()
    {
        const string Signature = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
        var loop = Loop((_, _, _) => throw new InvalidOperationException(
            $"PUT https://bucket.s3.amazonaws.com/key?X-Amz-Signature={Signature} failed"));
        _runtime.Api.Enqueue("{}", "req-1", DateTimeOffset.UtcNow.AddSeconds(30));

        _ = loop.RunAsync(_runtime.Stop.Token);

        var failed = await _runtime.Api.WaitForResultAsync("req-1", Wait);
        Assert.DoesNotContain(Signature, failed.Body, StringComparison.Ordinal);
        Assert.Contains("https://bucket.s3.amazonaws.com/key", failed.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Signature, _runtime.Log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RuntimeApiAnswers500WhileWaiting_ReturnsTheExitCode()
    {
        var loop = Loop((_, _, _) => Task.CompletedTask);
        var running = loop.RunAsync(_runtime.Stop.Token);
        await Task.Delay(200);

        _runtime.Api.AnswerServerErrors();

        Assert.Equal(InvocationLoop.RuntimeApiExitCode, await running.WaitAsync(Wait));
    }

    [Fact]
    public async Task RunAsync_RuntimeApiRefusesTheResultWith500_ReturnsTheExitCode()
    {
        var loop = Loop((_, _, _) =>
        {
            _runtime.Api.AnswerServerErrors();
            return Task.CompletedTask;
        });
        _runtime.Api.Enqueue("{}", "req-1", DateTimeOffset.UtcNow.AddSeconds(30));

        Assert.Equal(InvocationLoop.RuntimeApiExitCode, await loop.RunAsync(_runtime.Stop.Token).WaitAsync(Wait));
        Assert.Equal(1, _runtime.Api.NextRequestCount);
    }

    [Fact]
    public async Task RunAsync_RuntimeApiUnreachable_GivesUpAfterConsecutiveFailures()
    {
        var environment = new DictionaryEnvironment { [RuntimeApiClient.RuntimeApiVariable] = "127.0.0.1:1" };
        using var client = new RuntimeApiClient(environment);
        var loop = new InvocationLoop(
            client,
            new DelegateInvocationHandler((_, _, _) => Task.CompletedTask),
            environment,
            _runtime.Log.Log,
            new Backoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5)));

        Assert.Equal(InvocationLoop.RuntimeApiExitCode, await loop.RunAsync(_runtime.Stop.Token).WaitAsync(Wait));
    }

    private InvocationLoop Loop(Func<ReadOnlyMemory<byte>, InvocationContext, CancellationToken, Task> handle) =>
        new(_runtime.Client, new DelegateInvocationHandler(handle), _runtime.Environment, _runtime.Log.Log, new Backoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5)));
}
