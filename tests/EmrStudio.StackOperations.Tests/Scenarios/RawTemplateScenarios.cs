using EmrStudio.StackOperations.Tests.Infrastructure;
using EmrStudio.Testing;
using EmrStudio.Testing.Publishing;
using EmrStudio.Testing.Stacks;
using EmrStudio.Testing.Stacks.Templates;
using Xunit;
using Xunit.Abstractions;
using static EmrStudio.StackOperations.Tests.Infrastructure.StackWorld;

namespace EmrStudio.StackOperations.Tests.Scenarios;

/// <summary>template.yaml's handler stack (SAM-transformed by the real translator) and examples/session-mapping.yaml importing its ServiceToken.</summary>
[Collection(StackOperationsCollection.Name)]
[Trait(TestTier.Name, TestTier.Full)]
public sealed class RawTemplateScenarios(PublishedBootstrap published, ITestOutputHelper output)
{
    public const string HandlerStack = "emrstudio-session-mapping-handler";
    public const string ConsumerStack = "data-scientists-studio-access";

    public static CloudFormationTemplate HandlerTemplate(IReadOnlyDictionary<string, string> parameters)
    {
        return CloudFormationTemplate.FromFile(RepositoryRoot.File("template.yaml")).WithSamTransform(parameters, RepositoryRoot.Path);
    }

    [Fact]
    public async Task Deploy_HandlerStackThenConsumerStack_MapsTheGroupThroughTheImportedServiceToken()
    {
        await using var world = await StackWorld.StartAsync(published, output);
        var parameters = new Dictionary<string, string> { ["Studios"] = $"{StudioX},{StudioY}" };
        var handler = await world.DeployAsync(HandlerStack, HandlerTemplate(parameters), parameters);
        Assert.True(handler.FinalStatus == StackStatuses.CreateComplete, handler.ToString());
        var consumer = CloudFormationTemplate.FromFile(RepositoryRoot.File("examples/session-mapping.yaml"));

        var created = await world.DeployAsync(ConsumerStack, consumer, new Dictionary<string, string> { ["StudioId"] = StudioX });
        Assert.True(created.FinalStatus == StackStatuses.CreateComplete, created.ToString());
        Assert.Equal(world.DataScientists.Id, world.Account.Stack(ConsumerStack).Outputs["GroupId"]);
        world.AssertConsistent(world.Declared([ConsumerStack]));

        var updated = await world.DeployAsync(ConsumerStack, consumer, new Dictionary<string, string> { ["StudioId"] = StudioX, ["SessionPolicyName"] = "team/EmrStudioDataScientistV2" });
        Assert.True(updated.FinalStatus == StackStatuses.UpdateComplete, updated.ToString());
        world.AssertConsistent(world.Declared([ConsumerStack]));
    }

    [Fact]
    public async Task Delete_ConsumerStackThenHandlerStack_RemovesTheMapping()
    {
        await using var world = await StackWorld.StartAsync(published, output);
        var parameters = new Dictionary<string, string> { ["Studios"] = StudioX };
        await world.DeployAsync(HandlerStack, HandlerTemplate(parameters), parameters);
        var consumer = CloudFormationTemplate.FromFile(RepositoryRoot.File("examples/session-mapping.yaml"));
        await world.DeployAsync(ConsumerStack, consumer, new Dictionary<string, string> { ["StudioId"] = StudioX });
        await Assert.ThrowsAsync<InvalidOperationException>(() => world.DeleteAsync(HandlerStack));

        var deleted = await world.DeleteAsync(ConsumerStack);
        if (deleted.FinalStatus != StackStatuses.DeleteComplete)
        {
            world.AssertConsistent([]);
        }

        var handlerDeleted = await world.DeleteAsync(HandlerStack);

        Assert.True(handlerDeleted.FinalStatus == StackStatuses.DeleteComplete, handlerDeleted.ToString());
        world.AssertConsistent([]);
    }
}
