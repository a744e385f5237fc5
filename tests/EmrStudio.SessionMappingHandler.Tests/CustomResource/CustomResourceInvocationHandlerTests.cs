using System.Text;
using EmrStudio.SessionMappingHandler.CustomResource;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.CustomResource.Request;
using EmrStudio.SessionMappingHandler.Runtime;
using EmrStudio.SessionMappingHandler.Tests.Fixtures;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing.CloudFormation;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.CustomResource;

public sealed class CustomResourceInvocationHandlerTests : IAsyncLifetime
{
    private const string StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f";
    private const string CreateRequestId = "7d4e1c2a-5b6f-4a3e-9d8c-1f2e3d4c5b6a";
    private const string UpdateRequestId = "0c9b8a7f-6e5d-4c3b-2a19-f8e7d6c5b4a3";
    private const string IncomingPhysicalResourceId = "es-0123456789ABCDEFGHIJKLMNO/GROUP/90676d2f-4021-70b3-c1d1-6b8a2c3e4f50";
    private const string NewPhysicalResourceId = "es-0123456789ABCDEFGHIJKLMNO/GROUP/0b1c2d3e";

    private readonly ResponseUrlReceiver _receiver = new();
    private readonly HttpClient _http = new();
    private readonly CapturedJsonLog _log = new();
    private readonly WatchedTimeProvider _time = new();
    private SignallingResponder _responder = null!;

    public async Task InitializeAsync()
    {
        await _receiver.StartAsync();
        _receiver.Clock = _time;
        _responder = new SignallingResponder(TestResponders.OnClock(_http, _log.Log, _time));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task HandleAsync_ProviderSucceeds_AnswersOnceBeforeTheDeadlineAndLogsOneOutcomeLine()
    {
        var url = CreateUrl();
        var provider = ScriptedProvider.Answering(new CustomResourceOutcome
        {
            Status = ResponseStatus.Success,
            PhysicalResourceId = NewPhysicalResourceId,
            Data = new() { ["StudioId"] = "es-0123456789ABCDEFGHIJKLMNO" },
            LogFields = new Dictionary<string, object?> { ["emrCalls"] = 2 },
        });
        var deadline = In(TimeSpan.FromSeconds(5));

        await Handler(provider).HandleAsync(EventFixtures.LoadBytes("create.json", url), Context(deadline), CancellationToken.None).Guarded();

        var answer = await _receiver.WaitForAnswerAsync(url, HangGuard.Limit);
        Assert.Empty(_receiver.Violations);
        Assert.Equal(1, _receiver.AcceptedCount(url));
        Assert.Equal("SUCCESS", answer.Status);
        Assert.Equal(NewPhysicalResourceId, answer.PhysicalResourceId);
        Assert.True(answer.ReceivedAt < deadline);
        var line = Assert.Single(_log.LinesWith("outcome", "SUCCESS"));
        Assert.Equal("lambda-1", line.GetProperty("lambdaRequestId").GetString());
        Assert.Equal(StackId, line.GetProperty("stackId").GetString());
        Assert.Equal("DataScientists", line.GetProperty("logicalResourceId").GetString());
        Assert.Equal("Create", line.GetProperty("requestType").GetString());
        Assert.Equal(NewPhysicalResourceId, line.GetProperty("physicalResourceId").GetString());
        Assert.True(line.GetProperty("durationMs").GetInt64() >= 0);
        Assert.Equal(2, line.GetProperty("emrCalls").GetInt32());
        Assert.DoesNotContain(_receiver.SignatureOf(url), _log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz", _log.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task HandleAsync_DeliveryFailsForGood_RunsTheUndoThenThrows()
    {
        var url = CreateUrl();
        _receiver.FailForever(url);
        var undo = new UndoProbe();
        var provider = ScriptedProvider.Answering(new CustomResourceOutcome
        {
            Status = ResponseStatus.Success,
            PhysicalResourceId = NewPhysicalResourceId,
            UndoIfUndelivered = undo.Undo,
        });
        var deadline = In(TimeSpan.FromSeconds(2));
        // The delivery of an answer with an undo ends early enough for the undo; here it ends during the third PUT.
        var deliveryEnd = AnswerBudget.For(deadline, _time.GetUtcNow()).DeliveryEnd(undoPending: true, _time.GetUtcNow());
        _receiver.OnAttempt(url, attempt =>
        {
            if (attempt == 3)
            {
                _time.SetUtcNow(deliveryEnd);
            }
        });

        await Assert.ThrowsAsync<ResponseDeliveryException>(
            () => Handler(provider).HandleAsync(EventFixtures.LoadBytes("create.json", url), Context(deadline), CancellationToken.None).Guarded());

        Assert.Equal(1, undo.Runs);
        Assert.Equal(1, undo.RunsWithTimeLeft);
        Assert.Equal(3, _receiver.AttemptCount(url));
        Assert.Equal(0, _receiver.AcceptedCount(url));
        var line = Assert.Single(_log.LinesWith("outcome", "UNDELIVERED"));
        Assert.Equal("done", line.GetProperty("undo").GetString());
        Assert.Equal("ERROR", line.GetProperty("level").GetString());
    }

    [Fact]
    public async Task HandleAsync_ResponderFailsUnexpectedly_RunsTheUndoAndThrowsDeliveryException()
    {
        var undo = new UndoProbe();
        var provider = ScriptedProvider.Answering(new CustomResourceOutcome
        {
            Status = ResponseStatus.Success,
            PhysicalResourceId = NewPhysicalResourceId,
            UndoIfUndelivered = undo.Undo,
        });
        var responder = new DelegateResponder((_, _, _) => throw new InvalidOperationException("unforeseen"));
        var handler = new CustomResourceInvocationHandler(provider, responder, TestAdmissions.Trusting(_receiver, time: _time), _log.Log, _time);

        var exception = await Assert.ThrowsAsync<ResponseDeliveryException>(
            () => handler.HandleAsync(EventFixtures.LoadBytes("create.json", EventFixtures.SampleResponseUrlIssuedAt(_time.GetUtcNow())), Context(In(TimeSpan.FromSeconds(5))), CancellationToken.None).Guarded());

        Assert.Equal(1, undo.Runs);
        Assert.IsType<InvalidOperationException>(exception.InnerException);
        Assert.DoesNotContain(EventFixtures.SampleSignature, _log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_Delivered_DoesNotRunTheUndo()
    {
        var url = CreateUrl();
        _receiver.FailNext(url, 2);
        var undo = new UndoProbe();
        var provider = ScriptedProvider.Answering(new CustomResourceOutcome
        {
            Status = ResponseStatus.Success,
            PhysicalResourceId = NewPhysicalResourceId,
            UndoIfUndelivered = undo.Undo,
        });

        await Handler(provider).HandleAsync(EventFixtures.LoadBytes("create.json", url), Context(In(TimeSpan.FromSeconds(5))), CancellationToken.None).Guarded();

        Assert.False(undo.Ran);
        Assert.Equal(3, _receiver.AttemptCount(url));
        Assert.Equal(1, _receiver.AcceptedCount(url));
    }

    [Fact]
    public async Task HandleAsync_ProviderThrowsOnUpdate_AnswersFailedWithTheIncomingPhysicalResourceId()
    {
        var url = _receiver.CreateResponseUrl(StackId, UpdateRequestId, "DataScientists");
        var provider = new ScriptedProvider((_, _) => throw new InvalidOperationException("boom"));

        await Handler(provider).HandleAsync(EventFixtures.LoadBytes("update.json", url), Context(In(TimeSpan.FromSeconds(5))), CancellationToken.None).Guarded();

        var answer = await _receiver.WaitForAnswerAsync(url, HangGuard.Limit);
        Assert.Empty(_receiver.Violations);
        Assert.Equal("FAILED", answer.Status);
        Assert.Equal(IncomingPhysicalResourceId, answer.PhysicalResourceId);
        Assert.Contains("boom", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_ProviderThrowsOnCreate_AnswersFailedWithTheSentinel()
    {
        var url = CreateUrl();
        var provider = new ScriptedProvider((_, _) => Task.FromException<CustomResourceOutcome>(new InvalidOperationException("boom")));

        await Handler(provider).HandleAsync(EventFixtures.LoadBytes("create.json", url), Context(In(TimeSpan.FromSeconds(5))), CancellationToken.None).Guarded();

        var answer = await _receiver.WaitForAnswerAsync(url, HangGuard.Limit);
        Assert.Equal("FAILED", answer.Status);
        Assert.Equal("emrstudio-create-failed:DataScientists:" + CreateRequestId, answer.PhysicalResourceId);
        Assert.Single(_log.LinesWith("outcome", "FAILED"));
    }

    [Fact]
    public async Task HandleAsync_ProviderHonoursItsToken_TokenEndsOneReserveBeforeTheDeadline()
    {
        var url = CreateUrl();
        var deadline = In(TimeSpan.FromSeconds(6));
        var budget = AnswerBudget.For(deadline, _time.GetUtcNow());
        DateTimeOffset? cancelledAt = null;
        var provider = new ScriptedProvider(async (_, token) =>
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }
            catch (OperationCanceledException)
            {
                cancelledAt = _time.GetUtcNow();
            }

            return new CustomResourceOutcome { Status = ResponseStatus.Failed, Reason = "timed out", PhysicalResourceId = "p" };
        });

        var handling = Handler(provider).HandleAsync(EventFixtures.LoadBytes("create.json", url), Context(deadline), CancellationToken.None);
        await provider.WaitForCallAsync();
        await _time.WaitForTimerAsync(budget.ProviderDeadline - _time.GetUtcNow());
        _time.SetUtcNow(budget.ProviderDeadline - TimeSpan.FromMilliseconds(1));
        Assert.Null(cancelledAt);
        _time.SetUtcNow(budget.ProviderDeadline);
        await handling.Guarded();

        var answer = await _receiver.WaitForAnswerAsync(url, HangGuard.Limit);
        // Half of the six seconds are reserved for the answer.
        Assert.Equal(TimeSpan.FromSeconds(3), budget.Reserve);
        Assert.Equal(budget.ProviderDeadline, cancelledAt);
        Assert.Equal(budget.ProviderDeadline, answer.ReceivedAt);
        Assert.Equal("timed out", answer.Reason);
    }

    [Fact]
    public async Task HandleAsync_ProviderIgnoresItsToken_AbandonedAndAnsweredFailedBeforeTheDeadline()
    {
        var url = CreateUrl();
        var deadline = In(TimeSpan.FromSeconds(2));
        var budget = AnswerBudget.For(deadline, _time.GetUtcNow());
        var neverFinishes = new TaskCompletionSource<CustomResourceOutcome>();
        var provider = new ScriptedProvider((_, _) => neverFinishes.Task);

        var handling = Handler(provider).HandleAsync(EventFixtures.LoadBytes("create.json", url), Context(deadline), CancellationToken.None);
        await provider.WaitForCallAsync();
        await _time.WaitForTimerAsync(budget.AbandonAt - _time.GetUtcNow());
        _time.SetUtcNow(budget.AbandonAt);
        await _responder.WaitForDeliveryEndAsync();

        var answer = await _receiver.WaitForAnswerAsync(url, HangGuard.Limit);
        Assert.Equal(budget.AbandonAt, answer.ReceivedAt);
        Assert.True(answer.ReceivedAt < deadline);
        Assert.Equal("FAILED", answer.Status);
        Assert.Equal("emrstudio-create-failed:DataScientists:" + CreateRequestId, answer.PhysicalResourceId);
        // After the answer the handler still waits for the abandoned provider, but only until the undo deadline.
        await _time.WaitForTimerAsync(budget.UndoEnd - budget.AbandonAt);
        Assert.False(handling.IsCompleted);
        _time.SetUtcNow(budget.UndoEnd);
        await handling.Guarded();
        Assert.Equal("still running at the deadline", Assert.Single(_log.LinesWith("outcome", "FAILED")).GetProperty("abandonedProvider").GetString());
    }

    [Fact]
    public async Task HandleAsync_ProviderAnswersAnInvalidOutcome_RepairedToAValidFailedAnswer()
    {
        var url = _receiver.CreateResponseUrl(StackId, UpdateRequestId, "DataScientists");
        var provider = ScriptedProvider.Answering(new CustomResourceOutcome { Status = "MAYBE", PhysicalResourceId = string.Empty });

        await Handler(provider).HandleAsync(EventFixtures.LoadBytes("update.json", url), Context(In(TimeSpan.FromSeconds(5))), CancellationToken.None).Guarded();

        var answer = await _receiver.WaitForAnswerAsync(url, HangGuard.Limit);
        Assert.Empty(_receiver.Violations);
        Assert.Equal("FAILED", answer.Status);
        Assert.Equal(IncomingPhysicalResourceId, answer.PhysicalResourceId);
    }

    [Fact]
    public async Task HandleAsync_ProviderClaimsSuccessWithoutAnId_AnswersFailedAndUndoesItsWork()
    {
        var url = CreateUrl();
        var undo = new UndoProbe();
        var provider = ScriptedProvider.Answering(new CustomResourceOutcome
        {
            Status = ResponseStatus.Success,
            PhysicalResourceId = string.Empty,
            UndoIfUndelivered = undo.Undo,
        });

        await Handler(provider).HandleAsync(EventFixtures.LoadBytes("create.json", url), Context(In(TimeSpan.FromSeconds(5))), CancellationToken.None).Guarded();

        var answer = await _receiver.WaitForAnswerAsync(url, HangGuard.Limit);
        Assert.Equal("FAILED", answer.Status);
        Assert.Equal("emrstudio-create-failed:DataScientists:" + CreateRequestId, answer.PhysicalResourceId);
        Assert.Equal(1, undo.Runs);
    }

    [Fact]
    public async Task HandleAsync_AbandonedProviderFinishesBeforeTheDeadline_ItsWorkIsUndone()
    {
        var url = CreateUrl();
        var deadline = In(TimeSpan.FromSeconds(2.5));
        var budget = AnswerBudget.For(deadline, _time.GetUtcNow());
        var undo = new UndoProbe();
        var late = new TaskCompletionSource<CustomResourceOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var provider = new ScriptedProvider((_, _) => late.Task);

        var handling = Handler(provider).HandleAsync(EventFixtures.LoadBytes("create.json", url), Context(deadline), CancellationToken.None);
        await provider.WaitForCallAsync();
        await _time.WaitForTimerAsync(budget.AbandonAt - _time.GetUtcNow());
        _time.SetUtcNow(budget.AbandonAt);
        await _responder.WaitForDeliveryEndAsync();
        // The provider finishes after its FAILED answer went out, with something made that CloudFormation never learns of.
        late.SetResult(new CustomResourceOutcome
        {
            Status = ResponseStatus.Success,
            PhysicalResourceId = NewPhysicalResourceId,
            UndoIfUndelivered = undo.Undo,
        });
        await handling.Guarded();

        var answer = await _receiver.WaitForAnswerAsync(url, HangGuard.Limit);
        Assert.Equal("FAILED", answer.Status);
        Assert.Equal(1, undo.Runs);
        Assert.Equal(1, undo.RunsWithTimeLeft);
        Assert.True(_time.GetUtcNow() < deadline);
        Assert.Equal("finished late, undo done", Assert.Single(_log.LinesWith("outcome", "FAILED")).GetProperty("abandonedProvider").GetString());
    }

    [Fact]
    public async Task HandleAsync_MalformedEvent_ThrowsWithoutAnAnswerAndLogsIt()
    {
        var provider = ScriptedProvider.Succeeding();

        await Assert.ThrowsAsync<MalformedEventException>(
            () => Handler(provider).HandleAsync(Encoding.UTF8.GetBytes("not json"), Context(In(TimeSpan.FromSeconds(5))), CancellationToken.None).Guarded());

        Assert.Empty(provider.Requests);
        Assert.Single(_log.LinesWith("outcome", "MALFORMED"));
    }

    private string CreateUrl() => _receiver.CreateResponseUrl(StackId, CreateRequestId, "DataScientists");

    private CustomResourceInvocationHandler Handler(ICustomResourceProvider provider) =>
        new(provider, _responder, TestAdmissions.Trusting(_receiver, time: _time), _log.Log, _time);

    private DateTimeOffset In(TimeSpan span) => _time.GetUtcNow() + span;

    private static InvocationContext Context(DateTimeOffset deadline) => new()
    {
        AwsRequestId = "lambda-1",
        Deadline = deadline,
        InvokedFunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:session-mapping",
    };
}
