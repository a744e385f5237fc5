using EmrStudio.SessionMappingHandler.CustomResource;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.CustomResource.Request;
using EmrStudio.SessionMappingHandler.Runtime;
using EmrStudio.SessionMappingHandler.Tests.Fixtures;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing.CloudFormation;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Runtime;

/// <summary>
/// The runtime loop and the CloudFormation layer together, as the process runs them: the Runtime API in memory, the
/// answers over HTTP to the receiver, and one fake clock that moves only when the test moves it.
/// </summary>
public sealed class CustomResourceLoopTests : IAsyncLifetime
{
    private const string StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f";
    private const string RequestId = "7d4e1c2a-5b6f-4a3e-9d8c-1f2e3d4c5b6a";

    private readonly RuntimeLoopHarness _harness = new();
    private readonly ResponseUrlReceiver _receiver = new();
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        await _receiver.StartAsync();
        _receiver.Clock = _harness.Time;
    }

    public async Task DisposeAsync()
    {
        _harness.Dispose();
        _http.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_MalformedEventsThenAValidOne_ReportsTheMalformedAndAnswersTheValid()
    {
        var url = _receiver.CreateResponseUrl(StackId, RequestId, "DataScientists");
        var deadline = _harness.In(TimeSpan.FromSeconds(30));
        _harness.Runtime.Offer("this is not JSON", "req-garbage", deadline);
        _harness.Runtime.Offer(EventFixtures.Load("no-response-url.json"), "req-no-url", deadline);
        _harness.Runtime.Offer(EventFixtures.Load("create.json", url), "req-create", deadline);

        _ = Loop(ScriptedProvider.Succeeding()).RunAsync(_harness.Stop.Token);

        var garbage = await _harness.Runtime.WaitForResultAsync("req-garbage");
        var noUrl = await _harness.Runtime.WaitForResultAsync("req-no-url");
        var create = await _harness.Runtime.WaitForResultAsync("req-create");
        Assert.True(garbage.IsError);
        Assert.Equal(nameof(MalformedEventException), garbage.Error!.ErrorType);
        Assert.True(noUrl.IsError);
        Assert.Equal(nameof(MalformedEventException), noUrl.Error!.ErrorType);
        Assert.False(create.IsError);
        Assert.Equal(1, _receiver.AcceptedCount(url));
        Assert.Empty(_receiver.Violations);
        Assert.DoesNotContain(_receiver.SignatureOf(url), _harness.Log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AnswerUndeliverable_ReportsAnInvocationErrorAfterTheUndo()
    {
        var url = _receiver.CreateResponseUrl(StackId, RequestId, "DataScientists");
        _receiver.FailForever(url, 403);
        var undo = new UndoProbe();
        var provider = ScriptedProvider.Answering(new CustomResourceOutcome
        {
            Status = ResponseStatus.Success,
            PhysicalResourceId = "es-0123456789ABCDEFGHIJKLMNO/GROUP/0b1c2d3e",
            UndoIfUndelivered = undo.Undo,
        });
        var deadline = _harness.In(TimeSpan.FromSeconds(2));
        var now = _harness.Time.GetUtcNow();
        var deliveryEnd = AnswerBudget.For(deadline, now).DeliveryEnd(undoPending: true, now);
        // The time for the answer runs out during the second PUT, as it would on a stalled S3.
        _receiver.OnAttempt(url, attempt =>
        {
            if (attempt == 2)
            {
                _harness.Time.SetUtcNow(deliveryEnd);
            }
        });
        _harness.Runtime.Offer(EventFixtures.Load("create.json", url), "req-create", deadline);

        _ = Loop(provider).RunAsync(_harness.Stop.Token);

        var result = await _harness.Runtime.WaitForResultAsync("req-create");
        Assert.True(result.IsError);
        Assert.Equal(nameof(ResponseDeliveryException), result.Error!.ErrorType);
        Assert.Equal(1, undo.Runs);
        Assert.Equal(1, undo.RunsWithTimeLeft);
        Assert.Equal(2, _receiver.AttemptCount(url));
        Assert.DoesNotContain(_receiver.SignatureOf(url), result.Error.ErrorMessage, StringComparison.Ordinal);
    }

    private InvocationLoop Loop(ICustomResourceProvider provider)
    {
        var responder = TestResponders.OnClock(_http, _harness.Log.Log, _harness.Time);
        var handler = new CustomResourceInvocationHandler(provider, responder, TestAdmissions.Trusting(_receiver, time: _harness.Time), _harness.Log.Log, _harness.Time);
        return _harness.Loop(handler);
    }
}
