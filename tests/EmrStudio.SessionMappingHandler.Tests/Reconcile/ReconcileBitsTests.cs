using System.Text;
using System.Text.Json;
using EmrStudio.SessionMappingHandler.Hosting;
using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Reconcile;
using EmrStudio.SessionMappingHandler.Runtime;
using EmrStudio.SessionMappingHandler.StackStatus;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Reconcile;

/// <summary>The parts around a reconcile run: its event, its options, its pacing, its metrics, and how stacks are asked about.</summary>
public sealed class ReconcileBitsTests
{
    [Theory]
    [InlineData("""{"EmrStudioSessionMappings":"Reconcile"}""", true)]
    [InlineData("""{"EmrStudioSessionMappings":"Reconcile","version":"0","source":"aws.events"}""", true)]
    [InlineData("""{"EmrStudioSessionMappings":"reconcile"}""", false)]
    [InlineData("""{"RequestType":"Create","EmrStudioSessionMappings":7}""", false)]
    [InlineData("""["EmrStudioSessionMappings"]""", false)]
    [InlineData("not json", false)]
    public void Matches_Body_RecognisesOnlyTheScheduleEvent(string body, bool expected) =>
        Assert.Equal(expected, ReconcileEvent.Matches(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public async Task HandleAsync_ReconcileEvent_GoesToReconcileAndTheRestToCustomResources()
    {
        var routed = new List<string>();
        var function = new InvokedFunction();
        var router = new InvocationRouter(
            new DelegateInvocationHandler((_, _, _) => { routed.Add("custom-resource"); return Task.CompletedTask; }),
            new DelegateInvocationHandler((_, _, _) => { routed.Add("reconcile"); return Task.CompletedTask; }),
            function);
        var context = new InvocationContext
        {
            AwsRequestId = "1",
            Deadline = DateTimeOffset.UnixEpoch,
            InvokedFunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:handler",
        };

        await router.HandleAsync(Encoding.UTF8.GetBytes(ReconcileEvent.Json), context, CancellationToken.None);
        await router.HandleAsync(Encoding.UTF8.GetBytes("""{"RequestType":"Create"}"""), context, CancellationToken.None);

        Assert.Equal(["reconcile", "custom-resource"], routed);
        Assert.Equal("123456789012", function.Account);
    }

    [Theory]
    [InlineData(null, "Repair")]
    [InlineData("repair", "Repair")]
    [InlineData(" REPORT ", "Report")]
    public void FromEnvironment_Mode_IsRead(string? value, string expected)
    {
        var environment = new DictionaryEnvironment();
        if (value is not null)
        {
            environment[ReconcileOptions.ModeVariable] = value;
        }

        Assert.Equal(expected, ReconcileOptions.FromEnvironment(environment).Mode.ToString());
    }

    [Theory]
    [InlineData(ReconcileOptions.ModeVariable, "fix")]
    [InlineData(ReconcileOptions.RateVariable, "0")]
    [InlineData(ReconcileOptions.RateVariable, "fast")]
    public void FromEnvironment_UnknownValue_FailsNamingTheVariable(string variable, string value)
    {
        var environment = new DictionaryEnvironment { [variable] = value };

        var error = Assert.Throws<InvalidOperationException>(() => ReconcileOptions.FromEnvironment(environment));

        Assert.StartsWith(variable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitAsync_BurstSpent_WaitsForTheNextSlotOnTheClock()
    {
        var time = new FakeTimeProvider();
        var pacer = new RatePacer(2, time);
        await pacer.WaitAsync(CancellationToken.None);
        await pacer.WaitAsync(CancellationToken.None);

        var third = pacer.WaitAsync(CancellationToken.None);
        var stillWaiting = third.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(499));
        var justBefore = third.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));
        await third;

        Assert.False(stillWaiting);
        Assert.False(justBefore);
    }

    [Fact]
    public async Task WaitAsync_SlotNotOnAWholeMillisecond_WaitsOnceForAllOfIt()
    {
        // Three calls a second: the next slot comes 333.3 ms after the burst, and Task.Delay counts whole milliseconds.
        var time = new WatchedTimeProvider();
        var pacer = new RatePacer(3, time);
        for (var i = 0; i < 3; i++)
        {
            await pacer.WaitAsync(CancellationToken.None);
        }

        var fourth = pacer.WaitAsync(CancellationToken.None);
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(334));
        time.Advance(TimeSpan.FromMilliseconds(334));
        await fourth.Guarded();

        Assert.Equal(1, time.ArmedCount(TimeSpan.FromMilliseconds(334)));
    }

    [Fact]
    public void Write_MetricSet_IsOneEmbeddedMetricFormatLine()
    {
        using var output = new StringWriter();
        var log = new JsonLogger(output, new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000)));

        log.Write("Reconcile run metrics.", new MetricSet(
            "EmrStudioSessionMappings", [new("FunctionName", "handler")], [new("DriftFound", 2), new("DriftRepaired", 1)]));

        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        var aws = root.GetProperty("_aws");
        Assert.Equal(1_800_000_000_000, aws.GetProperty("Timestamp").GetInt64());
        var directive = Assert.Single(aws.GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal("EmrStudioSessionMappings", directive.GetProperty("Namespace").GetString());
        Assert.Equal(["FunctionName"], directive.GetProperty("Dimensions")[0].EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(["DriftFound", "DriftRepaired"], directive.GetProperty("Metrics").EnumerateArray().Select(m => m.GetProperty("Name").GetString()));
        Assert.Equal("handler", root.GetProperty("FunctionName").GetString());
        Assert.Equal(2, root.GetProperty("DriftFound").GetInt64());
        Assert.Equal(1, root.GetProperty("DriftRepaired").GetInt64());
    }

    [Fact]
    public async Task GetStackStatusAsync_StackOfTheFunctionsAccount_AsksWithTheFunctionsCredentials()
    {
        var own = new ScriptedStackStatus { Status = "UPDATE_COMPLETE" };
        using var router = new StackStatusRouter(own, () => "123456789012", "Reader", _ => throw new InvalidOperationException("no role needed"));

        var status = await router.GetStackStatusAsync(Stack("123456789012"), CancellationToken.None);

        Assert.Equal("UPDATE_COMPLETE", status);
    }

    [Fact]
    public async Task GetStackStatusAsync_StackOfAnotherAccount_AsksThroughTheRoleInThatAccount()
    {
        var asked = new List<string>();
        var other = new ScriptedStackStatus { Status = "UPDATE_ROLLBACK_IN_PROGRESS" };
        using var router = new StackStatusRouter(new ScriptedStackStatus(), () => "123456789012", "EmrStudioStackStatusReader", roleArn =>
        {
            asked.Add(roleArn);
            return (other, new DisposeNothing());
        });

        var first = await router.GetStackStatusAsync(Stack("111122223333"), CancellationToken.None);
        await router.GetStackStatusAsync(Stack("111122223333"), CancellationToken.None);

        Assert.Equal("UPDATE_ROLLBACK_IN_PROGRESS", first);
        Assert.Equal(["arn:aws:iam::111122223333:role/EmrStudioStackStatusReader"], asked);
    }

    [Fact]
    public async Task GetStackStatusAsync_StackOfAnotherAccountWithoutARole_SaysItCannotAsk()
    {
        using var router = new StackStatusRouter(new ScriptedStackStatus(), () => "123456789012", roleName: null, readerForRole: null);

        var error = await Assert.ThrowsAsync<StackStatusUnavailableException>(() => router.GetStackStatusAsync(Stack("111122223333"), CancellationToken.None));

        Assert.Contains(StackStatusRouter.RoleNameVariable, error.Message, StringComparison.Ordinal);
    }

    private static string Stack(string account) => $"arn:aws:cloudformation:eu-west-1:{account}:stack/analytics/11111111-2222-3333-4444-555555555555";

    private sealed class DisposeNothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
