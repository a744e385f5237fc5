using EmrStudio.Cdk;
using EmrStudio.StackOperations.Tests.Infrastructure;
using EmrStudio.Testing;
using EmrStudio.Testing.Publishing;
using EmrStudio.Testing.Stacks;
using EmrStudio.Testing.Stacks.Templates;
using Xunit;
using Xunit.Abstractions;
using static EmrStudio.StackOperations.Tests.Infrastructure.StackVersions;
using static EmrStudio.StackOperations.Tests.Infrastructure.StackWorld;

namespace EmrStudio.StackOperations.Tests.Scenarios;

/// <summary>
/// Changes to a stack built with the construct, each alone and each followed by a forced failure of another resource
/// (its rollback, and its rollback cleanup), on the published bootstrap with IAM enforced.
/// </summary>
[Collection(StackOperationsCollection.Name)]
[Trait(TestTier.Name, TestTier.Full)]
public sealed class ConstructStackScenarios(PublishedBootstrap published, ITestOutputHelper output)
{
    public static TheoryData<string> Changes => ["policy change", "principal replacement", "name-to-id switch", "removing a mapping", "removing the last mapping of a studio"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Update_Change_LeavesExactlyTheNewMappings(string change)
    {
        await using var world = await StackWorld.StartAsync(published, output);
        var (before, after) = Versions(world, change);
        await Deploy(world, before, StackStatuses.CreateComplete);

        await Deploy(world, after, StackStatuses.UpdateComplete);

        world.AssertConsistent(world.Declared([StackName]));
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Update_ChangeThenAnotherResourceFails_RollsBackToTheOldMappings(string change)
    {
        await using var world = await StackWorld.StartAsync(published, output);
        var (before, after) = Versions(world, change);
        await Deploy(world, before, StackStatuses.CreateComplete);
        var declaredBefore = world.Declared([StackName]);

        await Deploy(world, WithFailureAfterMappings(after), StackStatuses.UpdateRollbackComplete);

        Assert.Equal(
            [StackStatuses.UpdateInProgress, StackStatuses.UpdateRollbackInProgress, StackStatuses.UpdateRollbackCompleteCleanupInProgress, StackStatuses.UpdateRollbackComplete],
            world.Account.Stack(StackName).StatusHistory.Skip(2));
        world.AssertConsistent(declaredBefore);
    }

    private static async Task Deploy(StackWorld world, CloudFormationTemplate template, string expectedStatus)
    {
        var result = await world.DeployAsync(StackName, template);
        if (result.FinalStatus != expectedStatus)
        {
            world.AssertConsistent(world.Declared([StackName]));
            Assert.Fail($"expected {expectedStatus}:\n{result}");
        }
    }

    private static (CloudFormationTemplate Before, CloudFormationTemplate After) Versions(StackWorld world, string change) => change switch
    {
        "policy change" => (
            Mappings(world, Group("Team", StudioX, "data-scientists", PolicyA)),
            Mappings(world, Group("Team", StudioX, "data-scientists", PolicyB))),
        "principal replacement" => (
            Mappings(world, Group("Team", StudioX, "data-scientists", PolicyA)),
            Mappings(world, Group("Team", StudioX, "analysts", PolicyA))),
        "name-to-id switch" => (
            Mappings(world, Group("Team", StudioX, "data-scientists", PolicyA)),
            Mappings(world, new MappingSpec("Team", StudioX, StudioIdentity.GroupId(world.DataScientists.Id), PolicyA))),
        "removing a mapping" => (
            Mappings(world, Group("Team", StudioX, "data-scientists", PolicyA), Group("Others", StudioX, "analysts", PolicyA)),
            Mappings(world, Group("Team", StudioX, "data-scientists", PolicyA))),
        "removing the last mapping of a studio" => (
            Mappings(world, Group("Team", StudioX, "data-scientists", PolicyA), Group("Others", StudioY, "analysts", PolicyA)),
            Mappings(world, Group("Team", StudioX, "data-scientists", PolicyA))),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "no such change"),
    };
}
