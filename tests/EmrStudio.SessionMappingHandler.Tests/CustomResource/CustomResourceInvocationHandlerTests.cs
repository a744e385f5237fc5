using System.Diagnostics;
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

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly ResponseUrlReceiver _receiver = new();
    private readonly HttpClient _http = new();
    private readonly CapturedJsonLog _log = new();
    private CloudFormationResponder _responder = null!;

    public async Task InitializeAsync()
    {
        await _receiver.StartAsync();
        _responder = TestResponders.Fast(_http, _log.Log);
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
        var deadline = DateTimeOffset.UtcNow.AddSeconds(5);

        await Handler(provider).HandleAsync(EventFixtures.LoadBytes("create.json", url), Context(deadline), CancellationToken.None);

        var answer = await _receiver.WaitForAnswerAsync(url, Wait);
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
        var deadline = DateTimeOffset.UtcNow.AddSeconds(2);

        await Assert.ThrowsAsync<ResponseDeliveryException>(
            () => Handler(provider).HandleAsync(EventFixtures.LoadBytes("create.json", url), Context(deadline), CancellationToken.None));

        Assert.Equal(1, undo.Runs);
        Assert.True(DateTimeOffset.UtcNow < deadline);
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
        var handler = new CustomResourceInvocationHandler(provider, responder, TestAdmissions.Trusting(_receiver), _log.Log);

        var exception = await Assert.ThrowsAsync<ResponseDeliveryException>(
            () => handler.HandleAsync(EventFixtures.LoadBytes("create.json"), Context(DateTimeOffset.UtcNow.AddSeconds(5)), CancellationToken.None));

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

        await Handler(provider).HandleAsync(EventFixtures.LoadBytes("create.json", url), Context(DateTimeOffset.UtcNow.AddSeconds(5)), CancellationToken.None);

        Assert.False(undo.Ran);
        Assert.Equal(1, _receiver.AcceptedCount(url));
    }

    [Fact]
    public async Task HandleAsync_ProviderThrowsOnUpdate_AnswersFailedWithTheIncomingPhysicalResourceId()
    {
        var url = _receiver.CreateResponseUrl(StackId, UpdateRequestId, "DataScientists");
        var provider = new ScriptedProvider((_, _) => throw new InvalidOperationException("boom"));

        await Handler(provider).HandleAsync(EventFixtures.LoadBytes("update.json", url), Context(DateTimeOffset.UtcNow.AddSeconds(5)), CancellationToken.None);

        var answer = await _receiver.WaitForAnswerAsync(url, Wait);
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

        await Handler(provider).HandleAsync(EventFixtures.LoadBytes("create.json", url), Context(DateTimeOffset.UtcNow.AddSeconds(5)), CancellationToken.None);

        var answer = await _receiver.WaitForAnswerAsync(url, Wait);
        Assert.Equal("FAILED", answer.Status);
        Assert.Equal("emrstudio-create-failed:DataScientists:" + CreateRequestId, answer.PhysicalResourceId);
        Assert.Single(_log.LinesWith("outcome", "FAILED"));
    }

    [Fact]
    public async Task HandleAsync_ProviderHonoursItsToken_TokenEndsOneReserveBeforeTheDeadline()
    {
        var url = CreateUrl();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(6);
        DateTimeOffset? cancelledAt = null;
        var provider = new ScriptedProvider(async (_, token) =>
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }
            catch (OperationCanceledException)
            {
                cancelledAt = DateTimeOffset.UtcNow;
            }

            return new CustomResourceOutcome { Status = ResponseStatus.Failed, Reason = "timed out", PhysicalResourceId = "p" };
        });

        await Handler(provider).HandleAsync(EventFixtures.LoadBytes("create.json", url), Context(deadline), CancellationToken.None);

        var answer = await _receiver.WaitForAnswerAsync(url, Wait);
        Assert.NotNull(cancelledAt);
        // Half of the six seconds are reserved; a busy machine may run the cancellation's continuation a little late.
        Assert.InRange(deadline - cancelledAt.Value, TimeSpan.FromMilliseconds(2250), TimeSpan.FromMilliseconds(3300));
        Assert.True(answer.ReceivedAt < deadline);
        Assert.Equal("timed out", answer.Reason);
    }

    [Fact]
    public async Task HandleAsync_ProviderIgnoresItsToken_AbandonedAndAnsweredFailedBeforeTheDeadline()
    {
        var url = CreateUrl();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(2);
        var provider = new ScriptedProvider(async (_, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None);
            return new CustomResourceOutcome { Status = ResponseStatus.Success, PhysicalResourceId = "late" };
        });
        var stopwatch = Stopwatch.StartNew();

        await Handler(provider).HandleAsync(EventFixtures.LoadBytes("create.json", url), Context(deadline), CancellationToken.None);

        var answer = await _receiver.WaitForAnswerAsync(url, Wait);
        Assert.True(answer.ReceivedAt < deadline);
        // By design the handler waits for the abandoned provider until 50 ms before the deadline, so its return has no
        // margin worth asserting on a loaded machine; the answer above is what must beat the deadline. This only
        // proves the handler does not wait for the 30-second provider.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"returned after {stopwatch.Elapsed}");
        Assert.Equal("FAILED", answer.Status);
        Assert.Equal("emrstudio-create-failed:DataScientists:" + CreateRequestId, answer.PhysicalResourceId);
    }

    [Fact]
    public async Task HandleAsync_ProviderAnswersAnInvalidOutcome_RepairedToAValidFailedAnswer()
    {
        var url = _receiver.CreateResponseUrl(StackId, UpdateRequestId, "DataScientists");
        var provider = ScriptedProvider.Answering(new CustomResourceOutcome { Status = "MAYBE", PhysicalResourceId = string.Empty });

        await Handler(provider).HandleAsync(EventFixtures.LoadBytes("update.json", url), Context(DateTimeOffset.UtcNow.AddSeconds(5)), CancellationToken.None);

        var answer = await _receiver.WaitForAnswerAsync(url, Wait);
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

        await Handler(provider).HandleAsync(EventFixtures.LoadBytes("create.json", url), Context(DateTimeOffset.UtcNow.AddSeconds(5)), CancellationToken.None);

        var answer = await _receiver.WaitForAnswerAsync(url, Wait);
        Assert.Equal("FAILED", answer.Status);
        Assert.Equal("emrstudio-create-failed:DataScientists:" + CreateRequestId, answer.PhysicalResourceId);
        Assert.Equal(1, undo.Runs);
    }

    [Fact]
    public async Task HandleAsync_AbandonedProviderFinishesBeforeTheDeadline_ItsWorkIsUndone()
    {
        var url = CreateUrl();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(2.5);
        var undo = new UndoProbe();
        var provider = new ScriptedProvider(async (_, _) =>
        {
            // Abandoned at deadline - 625 ms (half the 1.25 s reserve of a 2.5 s budget); finishes before the deadline.
            await Task.Delay(deadline - DateTimeOffset.UtcNow - TimeSpan.FromMilliseconds(300), CancellationToken.None);
            return new CustomResourceOutcome
            {
                Status = ResponseStatus.Success,
                PhysicalResourceId = NewPhysicalResourceId,
                UndoIfUndelivered = undo.Undo,
            };
        });

        await Handler(provider).HandleAsync(EventFixtures.LoadBytes("create.json", url), Context(deadline), CancellationToken.None);

        var answer = await _receiver.WaitForAnswerAsync(url, Wait);
        Assert.Equal("FAILED", answer.Status);
        Assert.Equal(1, undo.Runs);
        Assert.True(DateTimeOffset.UtcNow < deadline);
        Assert.Contains("undo done", _log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_MalformedEvent_ThrowsWithoutAnAnswerAndLogsIt()
    {
        var provider = ScriptedProvider.Succeeding();

        await Assert.ThrowsAsync<MalformedEventException>(
            () => Handler(provider).HandleAsync(Encoding.UTF8.GetBytes("not json"), Context(DateTimeOffset.UtcNow.AddSeconds(5)), CancellationToken.None));

        Assert.Empty(provider.Requests);
        Assert.Single(_log.LinesWith("outcome", "MALFORMED"));
    }

    private string CreateUrl() => _receiver.CreateResponseUrl(StackId, CreateRequestId, "DataScientists");

    private CustomResourceInvocationHandler Handler(ICustomResourceProvider provider) => new(provider, _responder, TestAdmissions.Trusting(_receiver), _log.Log);

    private static InvocationContext Context(DateTimeOffset deadline) => new()
    {
        AwsRequestId = "lambda-1",
        Deadline = deadline,
        InvokedFunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:session-mapping",
    };
}
