using System.Text.Json;
using EmrStudio.SessionMappingHandler.CustomResource;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.CustomResource.Request;
using EmrStudio.SessionMappingHandler.Runtime;
using EmrStudio.SessionMappingHandler.Tests.Fixtures;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing.CloudFormation;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Runtime;

/// <summary>The runtime loop and the CloudFormation layer together, over both fakes, as the process runs them.</summary>
public sealed class CustomResourceLoopTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly RuntimeLoopHarness _runtime = new();
    private readonly ResponseUrlReceiver _receiver = new();
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        await _runtime.StartAsync();
        await _receiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _receiver.DisposeAsync();
        await _runtime.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_MalformedEventsThenAValidOne_ReportsTheMalformedAndAnswersTheValid()
    {
        var url = _receiver.CreateResponseUrl(
            "arn:aws:cloudformation:us-east-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f",
            "7d4e1c2a-5b6f-4a3e-9d8c-1f2e3d4c5b6a",
            "DataScientists");
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        _runtime.Api.Enqueue("this is not JSON", "req-garbage", deadline);
        _runtime.Api.Enqueue(EventFixtures.Load("no-response-url.json"), "req-no-url", deadline);
        _runtime.Api.Enqueue(EventFixtures.Load("create.json", url), "req-create", deadline);

        _ = Loop(ScriptedProvider.Succeeding()).RunAsync(_runtime.Stop.Token);

        var garbage = await _runtime.Api.WaitForResultAsync("req-garbage", Wait);
        var noUrl = await _runtime.Api.WaitForResultAsync("req-no-url", Wait);
        var create = await _runtime.Api.WaitForResultAsync("req-create", Wait);
        Assert.True(garbage.IsError);
        Assert.Equal(nameof(MalformedEventException), garbage.ErrorTypeHeader);
        Assert.True(noUrl.IsError);
        Assert.Equal(nameof(MalformedEventException), JsonDocument.Parse(noUrl.Body).RootElement.GetProperty("errorType").GetString());
        Assert.False(create.IsError);
        Assert.Equal(1, _receiver.AcceptedCount(url));
        Assert.Empty(_receiver.Violations);
        Assert.DoesNotContain(_receiver.SignatureOf(url), _runtime.Log.Text, StringComparison.Ordinal);
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
        _runtime.Api.Enqueue(EventFixtures.Load("create.json", url), "req-create", DateTimeOffset.UtcNow.AddSeconds(2));

        _ = Loop(provider).RunAsync(_runtime.Stop.Token);

        var result = await _runtime.Api.WaitForResultAsync("req-create", Wait);
        Assert.True(result.IsError);
        Assert.Equal(nameof(ResponseDeliveryException), result.ErrorTypeHeader);
        Assert.Equal(1, undo.Runs);
        Assert.DoesNotContain(_receiver.SignatureOf(url), result.Body, StringComparison.Ordinal);
    }

    private InvocationLoop Loop(ICustomResourceProvider provider)
    {
        var responder = TestResponders.Fast(_http, _runtime.Log.Log);
        var handler = new CustomResourceInvocationHandler(provider, responder, TestAdmissions.Trusting(_receiver), _runtime.Log.Log);
        return new InvocationLoop(_runtime.Client, handler, _runtime.Environment, _runtime.Log.Log);
    }
}
