using System.Text.Json.Nodes;
using EmrStudio.StackOperations.Tests.Infrastructure;
using EmrStudio.Testing;
using EmrStudio.Testing.Publishing;
using EmrStudio.Testing.Stacks;
using EmrStudio.Testing.Stacks.Templates;
using Xunit;
using Xunit.Abstractions;
using static EmrStudio.StackOperations.Tests.Infrastructure.StackWorld;

namespace EmrStudio.StackOperations.Tests.Scenarios;

/// <summary>
/// template.yaml's reconcile schedule played against console edits: the rule fires the published bootstrap in the
/// function's execution environment, with the function's role, its record table on dynalite and the stacks' statuses
/// as DescribeStacks reports them, and EMR's state is checked before and after each run.
/// </summary>
[Collection(StackOperationsCollection.Name)]
[Trait(TestTier.Name, TestTier.Full)]
public sealed class ReconcileScenarios(PublishedBootstrap published, ITestOutputHelper output)
{
    private const string HandlerStack = RawTemplateScenarios.HandlerStack;
    private const string ConsumerStack = RawTemplateScenarios.ConsumerStack;
    private const string Rule = "ReconcileRule";
    private const string Finished = "\"Reconcile run finished.\"";
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Reconcile_MappingDeletedInTheConsole_RestoresIt()
    {
        await using var world = await StartWithMappingAsync();
        var declared = world.Declared([ConsumerStack]);
        Assert.True(world.Emr.RemoveMapping(StudioX, world.DataScientists));
        AssertEmr(world, "after the console delete", []);

        var run = await ReconcileAsync(world);

        Assert.Equal(1, run["driftFound"]!.GetValue<long>());
        Assert.Equal(1, run["driftRepaired"]!.GetValue<long>());
        AssertEmr(world, "after the reconcile", declared);
        world.AssertConsistent(declared);
    }

    [Fact]
    public async Task Reconcile_PolicyChangedInTheConsole_SetsItBack()
    {
        await using var world = await StartWithMappingAsync();
        var declared = world.Declared([ConsumerStack]);
        world.Emr.PutMapping(StudioX, world.DataScientists, PolicyB);
        AssertEmr(world, "after the console policy change", [world.Mapping(StudioX, world.DataScientists, PolicyB)]);

        var run = await ReconcileAsync(world);

        Assert.Equal(1, run["driftRepaired"]!.GetValue<long>());
        AssertEmr(world, "after the reconcile", declared);
        world.AssertConsistent(declared);
    }

    [Fact]
    public async Task Reconcile_ReportMode_ReportsTheDriftAndChangesNothing()
    {
        await using var world = await StartWithMappingAsync(reconcileMode: "report");
        var changed = world.Mapping(StudioX, world.DataScientists, PolicyB);
        world.Emr.PutMapping(StudioX, world.DataScientists, PolicyB);
        var writesBefore = MappingWrites(world);
        AssertEmr(world, "after the console policy change", [changed]);

        var (run, invocation) = await ReconcileWithInvocationAsync(world);

        var drift = JsonNode.Parse(await invocation.WaitForLogLineAsync("\"Drift found: ", LogWait))!.AsObject();
        world.Log("== drift line: " + drift.ToJsonString());
        Assert.Equal(PolicyA, drift["expectedSessionPolicyArn"]!.GetValue<string>());
        Assert.Equal(PolicyB, drift["actualSessionPolicyArn"]!.GetValue<string>());
        Assert.False(drift["repaired"]!.GetValue<bool>());
        Assert.Equal("report", run["mode"]!.GetValue<string>());
        Assert.Equal(1, run["driftFound"]!.GetValue<long>());
        Assert.Equal(0, run["driftRepaired"]!.GetValue<long>());
        Assert.Equal(writesBefore, MappingWrites(world));
        AssertEmr(world, "after the reconcile", [changed]);
        world.AssertConsistent([changed]);
    }

    [Fact]
    public async Task Reconcile_StackUpdateInProgress_SkipsThatStackUntilItSettles()
    {
        await using var world = await StartWithMappingAsync();
        var declared = world.Declared([ConsumerStack]);
        var held = Consumer().WithResource("Hold", TestGate.Declaration());
        var update = world.DeployAsync(ConsumerStack, held, ConsumerParameters());
        await world.Account.Gates.WaitForStartsAsync(1, LogWait);
        Assert.Equal(StackStatuses.UpdateInProgress, world.Account.Stack(ConsumerStack).Status);
        Assert.True(world.Emr.RemoveMapping(StudioX, world.DataScientists));
        AssertEmr(world, "mid-update, after the console delete", []);

        var during = await ReconcileAsync(world);

        Assert.Equal(1, during["skippedInProgress"]!.GetValue<long>());
        Assert.Equal(0, during["driftRepaired"]!.GetValue<long>());
        AssertEmr(world, "after the reconcile during the update", []);
        world.Account.Gates.Open("Hold");
        var updated = await update;
        Assert.True(updated.FinalStatus == StackStatuses.UpdateComplete, updated.ToString());

        var after = await ReconcileAsync(world);

        Assert.Equal(1, after["driftRepaired"]!.GetValue<long>());
        AssertEmr(world, "after the reconcile once the update completed", declared);
        world.AssertConsistent(declared);
    }

    [Fact]
    public async Task Reconcile_AfterTheStackWasDeleted_RecreatesNothing()
    {
        await using var world = await StartWithMappingAsync();
        var deleted = await world.DeleteAsync(ConsumerStack);
        Assert.True(deleted.FinalStatus == StackStatuses.DeleteComplete, deleted.ToString());
        AssertEmr(world, "after the stack delete", []);
        var writesBefore = MappingWrites(world);

        var run = await ReconcileAsync(world);

        Assert.Equal(0, run["mappingsChecked"]!.GetValue<long>());
        Assert.Equal(writesBefore, MappingWrites(world));
        AssertEmr(world, "after the reconcile", []);
        world.AssertConsistent([]);
    }

    [Fact]
    public async Task Redelivery_CreateAfterTheStackWasDeleted_MapsNothing()
    {
        await using var world = await StartWithMappingAsync();
        var create = world.Account.Exchanges.Single(e => e.StackName == ConsumerStack && e.RequestType == "Create");
        var deleted = await world.DeleteAsync(ConsumerStack);
        Assert.True(deleted.FinalStatus == StackStatuses.DeleteComplete, deleted.ToString());
        AssertEmr(world, "after the stack delete", []);
        var responseUrl = JsonNode.Parse(create.EventJson)!["ResponseURL"]!.GetValue<string>();
        world.Account.Receiver.ExpectRedelivery(responseUrl);
        var writesBefore = MappingWrites(world);

        var replay = await world.Account.InvokeAsync(HandlerFunction(world), create.EventJson);

        world.Log($"== the recorded Create delivered again: {replay}");
        world.Log("   answers at its ResponseURL: " + string.Join(" | ", world.Account.Receiver.Answers(responseUrl).Select(a => $"{a.Status} {a.Reason}")));
        Assert.False(replay.Result.IsError, replay.ToString());
        var answers = world.Account.Receiver.Answers(responseUrl);
        Assert.Equal(2, answers.Count);
        Assert.Equal((answers[0].Status, answers[0].PhysicalResourceId), (answers[1].Status, answers[1].PhysicalResourceId));
        Assert.Equal(writesBefore, MappingWrites(world));
        AssertEmr(world, "after the redelivered Create", []);
        var run = await ReconcileAsync(world);
        Assert.Equal(0, run["driftRepaired"]!.GetValue<long>());
        AssertEmr(world, "after the reconcile", []);
        world.AssertConsistent([]);
    }

    [Fact]
    public async Task Reconcile_ConsoleMappingWithoutRecord_LeavesItAndCountsItUnmanaged()
    {
        await using var world = await StartWithMappingAsync();
        var unmanaged = world.Mapping(StudioX, world.Analysts, PolicyB);
        world.Emr.PutMapping(StudioX, world.Analysts, PolicyB);
        var expected = world.Declared([ConsumerStack], unmanaged);
        AssertEmr(world, "after the console create", expected);
        var writesBefore = MappingWrites(world);

        var run = await ReconcileAsync(world);

        Assert.Equal(1, run["unmanaged"]!.GetValue<long>());
        Assert.Equal(0, run["driftFound"]!.GetValue<long>());
        Assert.Equal(writesBefore, MappingWrites(world));
        AssertEmr(world, "after the reconcile", expected);
        world.AssertConsistent(expected);
    }

    private static CloudFormationTemplate Consumer() =>
        CloudFormationTemplate.FromFile(RepositoryRoot.File("examples/session-mapping.yaml"));

    private static Dictionary<string, string> ConsumerParameters() => new() { ["StudioId"] = StudioX };

    private static string HandlerFunction(StackWorld world) => world.Account.Stack(HandlerStack).Resource("Handler").PhysicalId;

    private static int MappingWrites(StackWorld world) =>
        world.Emr.Requests.Count(r => r.Operation is "CreateStudioSessionMapping" or "UpdateStudioSessionMapping" or "DeleteStudioSessionMapping");

    private static void AssertEmr(StackWorld world, string moment, IReadOnlyList<ExpectedMapping> expected)
    {
        world.Log($"EMR {moment}:");
        world.Log(world.EmrState());
        var actual = world.Emr.Mappings.Select(m => new ExpectedMapping(m.StudioId, m.IdentityType, m.IdentityId, m.SessionPolicyArn)).ToHashSet();
        Assert.True(actual.SetEquals(expected), $"EMR {moment}:\n{world.EmrState()}\nexpected:\n  {string.Join("\n  ", expected)}");
    }

    private async Task<StackWorld> StartWithMappingAsync(string reconcileMode = "repair")
    {
        var world = await StackWorld.StartAsync(published, output);
        try
        {
            var handler = await world.DeployAsync(
                HandlerStack,
                RawTemplateScenarios.HandlerTemplate(),
                new Dictionary<string, string> { ["Studios"] = $"{StudioX},{StudioY}", ["ReconcileMode"] = reconcileMode });
            Assert.True(handler.FinalStatus == StackStatuses.CreateComplete, handler.ToString());
            var created = await world.DeployAsync(ConsumerStack, Consumer(), ConsumerParameters());
            Assert.True(created.FinalStatus == StackStatuses.CreateComplete, created.ToString());
            AssertEmr(world, "after the create", world.Declared([ConsumerStack]));
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    /// <summary>One firing of the handler stack's schedule; its "Reconcile run finished." line, parsed.</summary>
    private static async Task<JsonObject> ReconcileAsync(StackWorld world) => (await ReconcileWithInvocationAsync(world)).Run;

    private static async Task<(JsonObject Run, FunctionInvocation Invocation)> ReconcileWithInvocationAsync(StackWorld world)
    {
        var invocation = Assert.Single(await world.Account.InvokeScheduledAsync(HandlerStack, Rule));
        Assert.False(invocation.Result.IsError, invocation.ToString());
        var line = await invocation.WaitForLogLineAsync(Finished, LogWait);
        world.Log("== reconcile: " + line);
        return (JsonNode.Parse(line)!.AsObject(), invocation);
    }
}
