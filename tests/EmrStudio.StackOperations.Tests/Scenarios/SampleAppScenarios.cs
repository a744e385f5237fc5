using EmrStudio.StackOperations.Tests.Infrastructure;
using EmrStudio.Testing;
using EmrStudio.Testing.Publishing;
using EmrStudio.Testing.Stacks;
using Xunit;
using Xunit.Abstractions;
using static EmrStudio.StackOperations.Tests.Infrastructure.StackWorld;

namespace EmrStudio.StackOperations.Tests.Scenarios;

/// <summary>The sample app as `cdk deploy -c studioId=...` deploys it: create, a studio move (alone and rolled back), delete.</summary>
[Collection(StackOperationsCollection.Name)]
[Trait(TestTier.Name, TestTier.Full)]
public sealed class SampleAppScenarios(PublishedBootstrap published, ITestOutputHelper output)
{
    private const string Stack = SampleApp.StackName;

    [Fact]
    public async Task Create_SampleApp_CreatesItsTwoMappings()
    {
        await using var world = await StackWorld.StartAsync(published, output);

        var result = await world.DeployAsync(Stack, SampleApp.Synthesize(StudioX, world.HandlerDirectory));

        Assert.True(result.FinalStatus == StackStatuses.CreateComplete, result.ToString());
        Assert.Equal(2, world.Emr.Mappings.Count);
        world.AssertConsistent(world.Declared([Stack]));
    }

    [Fact]
    public async Task Update_StudioMove_MovesTheMappingsAndKeepsTheRetainedOne()
    {
        await using var world = await StackWorld.StartAsync(published, output);
        await world.DeployAsync(Stack, SampleApp.Synthesize(StudioX, world.HandlerDirectory));
        // The lead analyst's mapping is RETAIN: its replacement leaves the old one on studio X, as CloudFormation does.
        var retained = world.Declared([Stack]).Single(m => m.IdentityType == "USER");

        var result = await world.DeployAsync(Stack, SampleApp.Synthesize(StudioY, world.HandlerDirectory));

        Assert.True(result.FinalStatus == StackStatuses.UpdateComplete, result.ToString());
        world.AssertConsistent(world.Declared([Stack], retained));
    }

    [Fact]
    public async Task Update_StudioMoveThenAnotherResourceFails_RollsBackToStudioX()
    {
        await using var world = await StackWorld.StartAsync(published, output);
        await world.DeployAsync(Stack, SampleApp.Synthesize(StudioX, world.HandlerDirectory));
        var before = world.Declared([Stack]);

        var result = await world.DeployAsync(Stack, StackVersions.WithFailureAfterMappings(SampleApp.Synthesize(StudioY, world.HandlerDirectory)));

        Assert.True(result.FinalStatus == StackStatuses.UpdateRollbackComplete, result.ToString());
        world.AssertConsistent(before);
    }

    [Fact]
    public async Task Delete_SampleApp_RemovesAllButTheRetainedMapping()
    {
        await using var world = await StackWorld.StartAsync(published, output);
        await world.DeployAsync(Stack, SampleApp.Synthesize(StudioX, world.HandlerDirectory));
        var retained = world.Declared([Stack]).Single(m => m.IdentityType == "USER");

        var result = await world.DeleteAsync(Stack);

        Assert.True(result.FinalStatus == StackStatuses.DeleteComplete, result.ToString());
        world.AssertConsistent([retained]);
    }

    [Fact]
    public async Task Create_AnotherResourceFails_RollsBackKeepingOnlyTheRetainedMapping()
    {
        await using var world = await StackWorld.StartAsync(published, output);

        var result = await world.DeployAsync(Stack, StackVersions.WithFailureAfterMappings(SampleApp.Synthesize(StudioX, world.HandlerDirectory)));

        Assert.True(result.FinalStatus == StackStatuses.RollbackComplete, result.ToString());
        // The lead analyst's mapping is RETAIN, which a rolled-back creation keeps too.
        world.AssertConsistent([world.Mapping(StudioX, world.LeadAnalyst, world.Emr.Mappings.FirstOrDefault(m => m.IdentityType == "USER")?.SessionPolicyArn ?? "none")]);
    }
}
