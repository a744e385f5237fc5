using System.Text;
using System.Text.Json;
using EmrStudio.SessionMappingHandler.Runtime;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing.Runtime;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Runtime;

/// <summary>The client over real HTTP against the Runtime API fake; waits end on the fake's signals, never on time.</summary>
public sealed class RuntimeApiClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = HangGuard.Limit;

    private readonly FakeRuntimeApi _api = new();
    private RuntimeApiClient _client = null!;

    public async Task InitializeAsync()
    {
        await _api.StartAsync();
        _client = new RuntimeApiClient(new DictionaryEnvironment { [RuntimeApiClient.RuntimeApiVariable] = _api.RuntimeApiAddress });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public void Constructor_Always_BuildsTheDocumentedBaseAddressWithNoClientTimeout()
    {
        Assert.Equal(Timeout.InfiniteTimeSpan, _client.ClientTimeout);
        Assert.Equal($"http://{_api.RuntimeApiAddress}/2018-06-01/", _client.BaseAddress.ToString());
    }

    [Fact]
    public void Constructor_NoRuntimeApiVariable_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new RuntimeApiClient(new DictionaryEnvironment()));
    }

    [Fact]
    public async Task GetNextInvocationAsync_EventQueued_ReturnsTheBodyAndTheContextFromHeaders()
    {
        var deadline = new DateTimeOffset(2026, 11, 24, 5, 0, 30, 125, TimeSpan.Zero);
        _api.Enqueue("{\"a\":1}", "req-1", deadline, "arn:aws:lambda:us-east-1:123456789012:function:f", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");

        var invocation = await _client.GetNextInvocationAsync(CancellationToken.None).WaitAsync(Wait);

        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(invocation.Body.Span));
        Assert.Equal("req-1", invocation.Context.AwsRequestId);
        Assert.Equal(deadline, invocation.Context.Deadline);
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:f", invocation.Context.InvokedFunctionArn);
        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", invocation.Context.TraceId);
    }

    [Fact]
    public async Task GetNextInvocationAsync_NoEventYet_WaitsUntilOneIsQueued()
    {
        var next = _client.GetNextInvocationAsync(CancellationToken.None);
        await _api.WaitForNextRequestAsync(1, Wait);
        Assert.False(next.IsCompleted);

        _api.Enqueue("{}", "req-late", new DateTimeOffset(2026, 11, 24, 5, 0, 30, TimeSpan.Zero));

        var invocation = await next.WaitAsync(Wait);
        Assert.Equal("req-late", invocation.Context.AwsRequestId);
    }

    [Fact]
    public async Task GetNextInvocationAsync_WaitingAndStopped_ThrowsCancelled()
    {
        using var stop = new CancellationTokenSource();
        var next = _client.GetNextInvocationAsync(stop.Token);
        await _api.WaitForNextRequestAsync(1, Wait);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Wait));
    }

    [Fact]
    public async Task GetNextInvocationAsync_RuntimeApiUnreachable_ThrowsHttpRequestException()
    {
        // Nothing listens on port 1 of the loopback address: the connection is refused at once.
        using var client = new RuntimeApiClient(new DictionaryEnvironment { [RuntimeApiClient.RuntimeApiVariable] = "127.0.0.1:1" });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetNextInvocationAsync(CancellationToken.None).WaitAsync(Wait));
    }

    [Fact]
    public async Task GetNextInvocationAsync_RuntimeApiAnswers500WhileWaiting_ThrowsFatal()
    {
        var next = _client.GetNextInvocationAsync(CancellationToken.None);
        await _api.WaitForNextRequestAsync(1, Wait);

        _api.AnswerServerErrors();

        await Assert.ThrowsAsync<RuntimeApiFatalException>(() => next.WaitAsync(Wait));
    }

    [Fact]
    public async Task GetNextInvocationAsync_RuntimeApiAnswers500_ThrowsFatal()
    {
        _api.AnswerServerErrors();

        await Assert.ThrowsAsync<RuntimeApiFatalException>(() => _client.GetNextInvocationAsync(CancellationToken.None).WaitAsync(Wait));
    }

    [Fact]
    public async Task PostResponseAsync_Always_RecordedAsTheInvocationsResponse()
    {
        await _client.PostResponseAsync("req-2", "{}"u8.ToArray(), CancellationToken.None);

        var result = await _api.WaitForResultAsync("req-2", Wait);
        Assert.False(result.IsError);
        Assert.Equal("{}", result.Body);
    }

    [Fact]
    public async Task PostInvocationErrorAsync_Always_SendsTheErrorBodyAndTypeHeader()
    {
        var error = new RuntimeErrorBody { ErrorMessage = "it broke", ErrorType = "MalformedEventException" };

        await _client.PostInvocationErrorAsync("req-3", error, CancellationToken.None);

        var result = await _api.WaitForResultAsync("req-3", Wait);
        Assert.True(result.IsError);
        Assert.Equal("MalformedEventException", result.ErrorTypeHeader);
        var body = JsonDocument.Parse(result.Body).RootElement;
        Assert.Equal("it broke", body.GetProperty("errorMessage").GetString());
        Assert.Equal("MalformedEventException", body.GetProperty("errorType").GetString());
        Assert.Equal(0, body.GetProperty("stackTrace").GetArrayLength());
    }

    [Fact]
    public async Task PostInitErrorAsync_Always_RecordedAsAnInitError()
    {
        await _client.PostInitErrorAsync(new RuntimeErrorBody { ErrorMessage = "no config", ErrorType = "Runtime.InitError" }, CancellationToken.None);

        var error = Assert.Single(_api.InitErrors);
        Assert.Equal("Runtime.InitError", error.ErrorTypeHeader);
        Assert.Equal("no config", JsonDocument.Parse(error.Body).RootElement.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task PostResponseAsync_RuntimeApiAnswers500_ThrowsFatal()
    {
        _api.AnswerServerErrors();

        await Assert.ThrowsAsync<RuntimeApiFatalException>(() => _client.PostResponseAsync("req-4", "{}"u8.ToArray(), CancellationToken.None));
    }
}
