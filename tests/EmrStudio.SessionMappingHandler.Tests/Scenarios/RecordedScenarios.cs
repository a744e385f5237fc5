using EmrStudio.SessionMappingHandler.Reconcile;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing;
using EmrStudio.Testing.Scenarios;
using Xunit;
using static EmrStudio.SessionMappingHandler.Tests.Scenarios.ScenarioAsserts;

namespace EmrStudio.SessionMappingHandler.Tests.Scenarios;

/// <summary>
/// The desired-state record over the wire, against dynalite: a redelivered event acts once, an old delivery after the
/// resource's Delete creates nothing, and the schedule's event repairs what was changed in the console. Written once;
/// each subclass supplies a runner, so the code in this process and the published executable pass the same scenarios.
/// </summary>
[Trait(TestTier.Name, TestTier.Full)]
public abstract class RecordedScenarios : IClassFixture<DynaliteFixture>
{
    private readonly DynaliteFixture _dynalite;

    protected RecordedScenarios(DynaliteFixture dynalite) => _dynalite = dynalite;

    protected abstract IHandlerRunner CreateRunner();

    [Fact]
    public async Task Create_DeliveredTwice_ActsOnceAndAnswersTheSameTwice()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var create = world.Events.Create(world.PropertiesByName(world.DataScientists));
        var first = AssertSucceeded(await session.SendAsync(create));
        world.Receiver.ExpectRedelivery(create.ResponseUrl!);

        var again = await session.SendAsync(create with { LambdaRequestId = CustomResourceEventBuilder.NewLambdaRequestId() });

        Assert.Empty(again.Violations);
        Assert.Equal(2, again.Answers.Count);
        Assert.Equal(1, world.Emr.CountOf("CreateStudioSessionMapping"));
        Assert.Single(world.Emr.Mappings);
        Assert.Equal(first.PhysicalResourceId, again.Answers[1].PhysicalResourceId);
    }

    [Fact]
    public async Task Create_RedeliveredAfterTheStackDeletedTheMapping_CreatesNothing()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var properties = world.PropertiesByName(world.DataScientists);
        var create = world.Events.Create(properties);
        var created = AssertSucceeded(await session.SendAsync(create));
        AssertSucceeded(await session.SendAsync(world.Events.Delete(created.PhysicalResourceId!, properties)));
        world.Receiver.ExpectRedelivery(create.ResponseUrl!);

        await session.SendAsync(create with { LambdaRequestId = CustomResourceEventBuilder.NewLambdaRequestId() });

        Assert.Empty(world.Emr.Mappings);
        Assert.Equal(1, world.Emr.CountOf("CreateStudioSessionMapping"));
    }

    [Fact]
    public async Task Create_IssuedBeforeTheResourcesDeleteAndNeverSeen_FailsAndCreatesNothing()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var properties = world.PropertiesByName(world.DataScientists);
        var late = world.Events.Create(properties, issuedAt: DateTimeOffset.UtcNow.AddMinutes(-2));
        var created = AssertSucceeded(await session.SendAsync(world.Events.Create(properties)));
        AssertSucceeded(await session.SendAsync(world.Events.Delete(created.PhysicalResourceId!, properties)));

        var answer = AssertFailed(await session.SendAsync(late));

        Assert.StartsWith("Record: this event was issued before the resource's last event", answer.Reason, StringComparison.Ordinal);
        Assert.Empty(world.Emr.Mappings);
    }

    [Fact]
    public async Task Reconcile_MappingDeletedInTheConsole_IsRecreatedAndReportedInMetrics()
    {
        await using var session = await StartAsync();
        var world = session.World;
        world.StackStatus = "CREATE_COMPLETE";
        AssertSucceeded(await session.SendAsync(world.Events.Create(world.PropertiesByName(world.DataScientists))));
        Assert.True(world.Emr.RemoveMapping(ScenarioWorld.StudioId, world.DataScientists));

        var run = await session.SendAsync(new CustomResourceEvent(ReconcileEvent.Json, CustomResourceEventBuilder.NewLambdaRequestId(), null, ExpectsAnswer: false));

        Assert.False(run.Result.IsError, run.Result.Body);
        Assert.Equal(ScenarioWorld.PolicyArn, Assert.Single(world.Emr.Mappings).SessionPolicyArn);
        var output = session.Runner.Output;
        Assert.Contains("\"drift\":\"missing\"", output, StringComparison.Ordinal);
        Assert.Contains("\"CloudWatchMetrics\"", output, StringComparison.Ordinal);
        Assert.Contains("\"DriftRepaired\":1", output, StringComparison.Ordinal);
    }

    private async Task<ScenarioSession> StartAsync()
    {
        var table = await _dynalite.Dynalite.CreateRecordTableAsync();
        return await ScenarioSession.StartAsync(CreateRunner(), adjustEnvironment: environment =>
        {
            environment["AWS_ENDPOINT_URL_DYNAMODB"] = _dynalite.Dynalite.BaseAddress.ToString();
            environment["EMRSTUDIO_RECORD_TABLE"] = table;
        });
    }
}
