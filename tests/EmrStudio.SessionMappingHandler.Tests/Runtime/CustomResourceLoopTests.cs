using System.Text.Json;
using EmrStudio.SessionMappingHandler.CloudFormation;
using EmrStudio.SessionMappingHandler.Runtime;
using EmrStudio.SessionMappingHandler.Tests.CloudFormation;
using EmrStudio.SessionMappingHandler.Tests.Fixtures;
using EmrStudio.SessionMappingHandler.Tests.Logging;
using EmrStudio.Testing.CloudFormation;
using EmrStudio.Testing.Runtime;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Runtime;

/// <summary>The runtime loop and the CloudFormation layer together, over both fakes, as the process runs them.</summary>
public sealed class CustomResourceLoopTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly FakeRuntimeApi _api = new();
    private readonly ResponseUrlReceiver _receiver = new();
    private readonly DictionaryEnvironment _environment = new();
    private readonly CapturedJsonLog _log = new();
    private readonly HttpClient _http = new();
    private readonly CancellationTokenSource _stop = new();
    private RuntimeApiClient _client = null!;

    public async Task InitializeAsync()
    {
        await _api.StartAsync();
        await _receiver.StartAsync();
        _environment[RuntimeApiClient.RuntimeApiVariable] = _api.RuntimeApiAddress;
        _client = new RuntimeApiClient(_environment);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
        _client.Dispose();
        _http.Dispose();
        await _api.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_MalformedEventsThenAValidOne_ReportsTheMalformedAndAnswersTheValid()
    {
        var url = _receiver.CreateResponseUrl(
            "arn:aws:cloudformation:us-east-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f",
            "7d4e1c2a-5b6f-4a3e-9d8c-1f2e3d4c5b6a",
            "DataScientists");
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        _api.Enqueue("this is not JSON", "req-garbage", deadline);
        _api.Enqueue(EventFixtures.Load("no-response-url.json"), "req-no-url", deadline);
        _api.Enqueue(EventFixtures.Load("create.json", url), "req-create", deadline);

        _ = Loop(ScriptedProvider.Succeeding()).RunAsync(_stop.Token);

        var garbage = await _api.WaitForResultAsync("req-garbage", Wait);
        var noUrl = await _api.WaitForResultAsync("req-no-url", Wait);
        var create = await _api.WaitForResultAsync("req-create", Wait);
        Assert.True(garbage.IsError);
        Assert.Equal(nameof(MalformedEventException), garbage.ErrorTypeHeader);
        Assert.True(noUrl.IsError);
        Assert.Equal(nameof(MalformedEventException), JsonDocument.Parse(noUrl.Body).RootElement.GetProperty("errorType").GetString());
        Assert.False(create.IsError);
        Assert.Equal(1, _receiver.AcceptedCount(url));
        Assert.Empty(_receiver.Violations);
        Assert.DoesNotContain(_receiver.SignatureOf(url), _log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AnswerUndeliverable_ReportsAnInvocationErrorAfterTheUndo()
    {
        var url = _receiver.CreateResponseUrl(
            "arn:aws:cloudformation:us-east-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f",
            "7d4e1c2a-5b6f-4a3e-9d8c-1f2e3d4c5b6a",
            "DataScientists");
        _receiver.FailForever(url, 403);
        var undo = new UndoProbe();
        var provider = ScriptedProvider.Answering(new CustomResourceOutcome
        {
            Status = ResponseStatus.Success,
            PhysicalResourceId = "es-0123456789ABCDEFGHIJKLMNO/GROUP/0b1c2d3e",
            UndoIfUndelivered = undo.Undo,
        });
        _api.Enqueue(EventFixtures.Load("create.json", url), "req-create", DateTimeOffset.UtcNow.AddSeconds(2));

        _ = Loop(provider).RunAsync(_stop.Token);

        var result = await _api.WaitForResultAsync("req-create", Wait);
        Assert.True(result.IsError);
        Assert.Equal(nameof(ResponseDeliveryException), result.ErrorTypeHeader);
        Assert.Equal(1, undo.Runs);
        Assert.DoesNotContain(_receiver.SignatureOf(url), result.Body, StringComparison.Ordinal);
    }

    private InvocationLoop Loop(ICustomResourceProvider provider)
    {
        var responder = TestResponders.Fast(_http, _log.Log);
        var handler = new CustomResourceInvocationHandler(provider, responder, _log.Log);
        return new InvocationLoop(_client, handler, _environment, _log.Log);
    }
}
