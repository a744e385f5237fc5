using System.Text;
using System.Text.Json;
using EmrStudio.SessionMappingHandler.CustomResource;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.CustomResource.Request;
using EmrStudio.SessionMappingHandler.Reconcile;
using EmrStudio.SessionMappingHandler.Runtime;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Xunit;
using static EmrStudio.SessionMappingHandler.Tests.TestDoubles.MappingWorld;

namespace EmrStudio.SessionMappingHandler.Tests.Reconcile;

/// <summary>
/// Reconcile runs over records that real events wrote: what is repaired, what is only reported, and everything that
/// is never touched.
/// </summary>
public sealed class ReconcileRunTests
{
    private const string StackA = "arn:aws:cloudformation:eu-west-1:123456789012:stack/analytics/11111111-2222-3333-4444-555555555555";
    private const string StackB = "arn:aws:cloudformation:eu-west-1:123456789012:stack/research/22222222-3333-4444-5555-666666666666";

    private readonly MappingWorld _world = new(withRecords: true);
    private readonly CollectingMetrics _metrics = new();
    private int _events;

    public ReconcileRunTests() => _world.Stacks.Status = "UPDATE_COMPLETE";

    private InMemoryMappingRecords Records => _world.Records!;

    [Fact]
    public async Task Run_MappingDeletedInTheConsole_RecreatesItWithTheRecordedPolicy()
    {
        await CreateAsync("DataScientists", MappingEvents.ByName(GroupName));
        _world.Emr.RemoveOutOfBand(Studio, "GROUP", GroupId);

        await ReconcileAsync();

        Assert.Equal(Policy, _world.Emr.Find(Studio, "GROUP", GroupId)!.SessionPolicyArn);
        Assert.Equal((1, 1, 1, 0), (Metric("MappingsChecked"), Metric("DriftFound"), Metric("DriftRepaired"), Metric("RepairFailed")));
        var drift = Assert.Single(_world.Log.Lines, line => line.Message.StartsWith("Drift found", StringComparison.Ordinal));
        Assert.Equal("missing", drift.Fields["drift"]);
        Assert.Equal(true, drift.Fields["repaired"]);
    }

    [Fact]
    public async Task Run_PolicyChangedInTheConsole_SetsItBack()
    {
        await CreateAsync("DataScientists", MappingEvents.ByName(GroupName));
        _world.Emr.Find(Studio, "GROUP", GroupId)!.SessionPolicyArn = OtherPolicy;

        await ReconcileAsync();

        Assert.Equal(Policy, _world.Emr.Find(Studio, "GROUP", GroupId)!.SessionPolicyArn);
        var drift = Assert.Single(_world.Log.Lines, line => line.Message.StartsWith("Drift found", StringComparison.Ordinal));
        Assert.Equal("policy", drift.Fields["drift"]);
        Assert.Equal(OtherPolicy, drift.Fields["actualSessionPolicyArn"]);
        Assert.Equal(Policy, drift.Fields["expectedSessionPolicyArn"]);
    }

    [Fact]
    public async Task Run_ReportMode_ReportsDriftAndChangesNothing()
    {
        await CreateAsync("DataScientists", MappingEvents.ByName(GroupName));
        await CreateAsync("Analysts", MappingEvents.ByName(OtherGroupName), StackB);
        _world.Emr.Find(Studio, "GROUP", GroupId)!.SessionPolicyArn = OtherPolicy;
        _world.Stacks.ByStack[StackB] = null;
        var before = Records.All.ToList();

        await ReconcileAsync(ReconcileMode.Report);

        Assert.Equal(OtherPolicy, _world.Emr.Find(Studio, "GROUP", GroupId)!.SessionPolicyArn);
        Assert.DoesNotContain(_world.Emr.Calls, call => call is InMemoryEmrClient.Create or InMemoryEmrClient.Update or InMemoryEmrClient.Delete);
        Assert.Equal(before, Records.All.ToList());
        Assert.Equal((1, 0, 0), (Metric("DriftFound"), Metric("DriftRepaired"), Metric("RepairFailed")));
    }

    [Fact]
    public async Task Run_StackUpdateInProgress_LeavesItsMappingsAlone()
    {
        await CreateAsync("DataScientists", MappingEvents.ByName(GroupName));
        await CreateAsync("Analysts", MappingEvents.ByName(OtherGroupName), StackB);
        _world.Emr.RemoveOutOfBand(Studio, "GROUP", GroupId);
        _world.Emr.RemoveOutOfBand(Studio, "GROUP", OtherGroupId);
        _world.Stacks.ByStack[StackA] = "UPDATE_IN_PROGRESS";

        var tally = await ReconcileAsync();

        Assert.Null(_world.Emr.Find(Studio, "GROUP", GroupId));
        Assert.NotNull(_world.Emr.Find(Studio, "GROUP", OtherGroupId));
        Assert.Equal(1, tally.SkippedInProgress);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("DELETE_COMPLETE")]
    public async Task Run_StackNoLongerExists_DropsItsRecordWithoutAnEmrCall(string? status)
    {
        await CreateAsync("DataScientists", MappingEvents.ByName(GroupName));
        _world.Emr.RemoveOutOfBand(Studio, "GROUP", GroupId);
        _world.Stacks.ByStack[StackA] = status;

        var tally = await ReconcileAsync();

        Assert.All(_world.Emr.Calls, call => Assert.Equal(InMemoryEmrClient.ListMappings, call));
        Assert.Null(_world.Emr.Find(Studio, "GROUP", GroupId));
        Assert.Null(Records.Find(StackA, "DataScientists"));
        Assert.Equal(1, tally.RecordsOfGoneStacks);
    }

    [Fact]
    public async Task Run_StackDeletedThroughCloudFormation_RecreatesNothing()
    {
        var id = await CreateAsync("DataScientists", MappingEvents.ByName(GroupName));
        await SendAsync(MappingEvents.Delete(id));
        _world.Stacks.ByStack[StackA] = "DELETE_COMPLETE";

        await ReconcileAsync();

        Assert.Empty(_world.Emr.Mappings);
        Assert.DoesNotContain(InMemoryEmrClient.Create, _world.Emr.Calls);
    }

    [Fact]
    public async Task Run_MappingNoRecordCovers_IsUntouchedAndCountedPerStudio()
    {
        await CreateAsync("DataScientists", MappingEvents.ByName(GroupName));
        _world.Emr.Seed(Studio, "USER", UserId, OtherPolicy);

        var tally = await ReconcileAsync();

        Assert.Equal(OtherPolicy, _world.Emr.Find(Studio, "USER", UserId)!.SessionPolicyArn);
        Assert.Equal(1, tally.UnmanagedByStudio[Studio]);
        Assert.Equal(1, Metric("Unmanaged"));
        var perStudio = Assert.Single(_metrics.Sets, set => set.Dimensions.Any(d => d.Key == "StudioId"));
        Assert.Equal(Studio, perStudio.Dimensions.Single(d => d.Key == "StudioId").Value);
    }

    [Fact]
    public async Task Run_RecordChangedBeforeTheRepair_LeavesTheMappingToTheEvent()
    {
        await CreateAsync("DataScientists", MappingEvents.ByName(GroupName));
        _world.Emr.Find(Studio, "GROUP", GroupId)!.SessionPolicyArn = OtherPolicy;
        _world.Emr.BeforeCall = operation =>
        {
            if (operation == InMemoryEmrClient.Get)
            {
                // A stack update writes the new policy to the record before EMR gets it.
                var record = Records.Find(StackA, "DataScientists")!;
                Records.Seed(record with { Desired = record.Desired! with { SessionPolicyArn = OtherPolicy }, Version = record.Version + 1 });
            }
        };

        var tally = await ReconcileAsync();

        Assert.Equal(OtherPolicy, _world.Emr.Find(Studio, "GROUP", GroupId)!.SessionPolicyArn);
        Assert.Equal((1, 0, 0), (tally.DriftFound, tally.DriftRepaired, tally.RepairFailed));
    }

    [Fact]
    public async Task Run_PrincipalRemovedFromIdentityCenter_CountsARepairFailure()
    {
        await CreateAsync("DataScientists", MappingEvents.ByName(GroupName));
        _world.Emr.FailNext(InMemoryEmrClient.Get, () => InMemoryEmrClient.InvalidRequest("IdentityId is invalid"));

        var tally = await ReconcileAsync();

        Assert.Equal((1, 0, 1), (tally.DriftFound, tally.DriftRepaired, tally.RepairFailed));
    }

    [Fact]
    public async Task Run_CheckFails_TheNextRunChecksThatRecordFirst()
    {
        await CreateAsync("DataScientists", MappingEvents.ByName(GroupName));
        await CreateAsync("Analysts", MappingEvents.ByName(OtherGroupName));
        _world.Emr.FailNext(InMemoryEmrClient.Get, InMemoryEmrClient.InternalError);
        var first = await ReconcileAsync();
        var failedKey = Assert.Single((await Records.ReadCheckpointAsync(CancellationToken.None))!.Retry);
        _world.Emr.Calls.Clear();
        Records.Calls.Clear();

        var second = await ReconcileAsync();

        Assert.Equal(1, first.CheckFailed);
        Assert.Equal(0, second.CheckFailed);
        Assert.Equal(failedKey, ReadKeys().First());
        Assert.Empty((await Records.ReadCheckpointAsync(CancellationToken.None))!.Retry);
    }

    [Fact]
    public async Task Run_TimeRunsOut_TheNextRunContinuesWhereItStopped()
    {
        string[] principals = [GroupName, OtherGroupName];
        for (var i = 0; i < 6; i++)
        {
            var studio = i < 3 ? Studio : OtherStudio;
            var properties = i % 3 == 2
                ? MappingEvents.ByName(UserName, identityType: "USER", studioId: studio)
                : MappingEvents.ByName(principals[i % 3], studioId: studio);
            await CreateAsync($"Mapping{i}", properties);
        }

        // Every EMR call takes eight seconds; with 20 s before the run stops starting checks, it checks three records.
        _world.Emr.BeforeCall = _ => _world.Time.Advance(TimeSpan.FromSeconds(8));
        var first = await ReconcileAsync(timeLeft: TimeSpan.FromSeconds(20) + new ReconcileOptions().Reserve + new ReconcileOptions().PerRecordTimeout);
        var second = await ReconcileAsync();

        Assert.True(first.Unfinished);
        Assert.Equal(3, first.MappingsChecked);
        Assert.True(second.PassCompleted);
        Assert.Equal(6, first.MappingsChecked + second.MappingsChecked);
    }

    [Fact]
    public async Task Run_TombstoneOnly_ActsOnNothing()
    {
        var id = await CreateAsync("DataScientists", MappingEvents.ByName(GroupName));
        await SendAsync(MappingEvents.Delete(id));
        _world.Emr.Calls.Clear();

        var tally = await ReconcileAsync();

        Assert.Empty(_world.Emr.Calls);
        Assert.Equal(0, tally.MappingsChecked);
    }

    [Fact]
    public async Task Handle_NoRecordTable_FailsTheInvocationSayingWhy()
    {
        var handler = new ReconcileInvocationHandler(null, _world.Emr, _world.Stacks, _world.Log, _metrics, _world.Time, new ReconcileOptions());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => handler.HandleAsync(Event(), Context(TimeSpan.FromMinutes(2)), CancellationToken.None));

        Assert.Contains("EMRSTUDIO_RECORD_TABLE", error.Message, StringComparison.Ordinal);
    }

    private List<string> ReadKeys() => [.. Records.Calls.Where(call => call.StartsWith("Read ", StringComparison.Ordinal)).Select(call => call["Read ".Length..])];

    private long Metric(string name) => _metrics.Count(name);

    private async Task<ReconcileTally> ReconcileAsync(ReconcileMode mode = ReconcileMode.Repair, TimeSpan? timeLeft = null)
    {
        _world.Emr.Calls.Clear();
        var options = new ReconcileOptions { Mode = mode, EmrCallsPerSecond = 1000, FunctionName = "EmrStudioSessionMapping" };
        var tally = new ReconcileTally();
        var handler = new ReconcileInvocationHandler(Records, _world.Emr, _world.Stacks, _world.Log, _metrics, _world.Time, options);
        _metrics.Sets.Clear();
        await handler.HandleAsync(Event(), Context(timeLeft ?? TimeSpan.FromMinutes(2)), CancellationToken.None);
        var line = _world.Log.Lines.Last(l => l.Message == "Reconcile run finished.");
        tally.MappingsChecked = Convert.ToInt32(line.Fields["mappingsChecked"], System.Globalization.CultureInfo.InvariantCulture);
        tally.DriftFound = Convert.ToInt32(line.Fields["driftFound"], System.Globalization.CultureInfo.InvariantCulture);
        tally.DriftRepaired = Convert.ToInt32(line.Fields["driftRepaired"], System.Globalization.CultureInfo.InvariantCulture);
        tally.RepairFailed = Convert.ToInt32(line.Fields["repairFailed"], System.Globalization.CultureInfo.InvariantCulture);
        tally.SkippedInProgress = Convert.ToInt32(line.Fields["skippedInProgress"], System.Globalization.CultureInfo.InvariantCulture);
        tally.RecordsOfGoneStacks = Convert.ToInt32(line.Fields["recordsOfGoneStacks"], System.Globalization.CultureInfo.InvariantCulture);
        tally.CheckFailed = Convert.ToInt32(line.Fields["checkFailed"], System.Globalization.CultureInfo.InvariantCulture);
        tally.PassCompleted = (bool)line.Fields["passCompleted"]!;
        tally.Unfinished = (bool)line.Fields["unfinished"]!;
        foreach (var set in _metrics.Sets.Where(set => set.Dimensions.Any(d => d.Key == "StudioId")))
        {
            tally.UnmanagedByStudio[set.Dimensions.Single(d => d.Key == "StudioId").Value] = (int)set.Counts.Single().Value;
        }

        return tally;
    }

    private static ReadOnlyMemory<byte> Event() => Encoding.UTF8.GetBytes(ReconcileEvent.Json);

    private InvocationContext Context(TimeSpan timeLeft) => new()
    {
        AwsRequestId = "reconcile-1",
        Deadline = _world.Time.GetUtcNow() + timeLeft,
        InvokedFunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:EmrStudioSessionMapping",
    };

    private async Task<string> CreateAsync(string logicalId, JsonElement properties, string stackId = StackA)
    {
        var outcome = await SendAsync(MappingEvents.Create(properties) with { LogicalResourceId = logicalId, StackId = stackId });
        Assert.Equal(ResponseStatus.Success, outcome.Status);
        return outcome.PhysicalResourceId;
    }

    private Task<CustomResourceOutcome> SendAsync(CloudFormationRequest request)
    {
        _events++;
        _world.Time.Advance(TimeSpan.FromSeconds(1));
        var issued = MappingEvents.Issued(request, $"request-{_events}", _world.Time.GetUtcNow());
        return _world.SendAsync(request.PhysicalResourceId is null ? issued : issued with { LogicalResourceId = "DataScientists" });
    }
}
