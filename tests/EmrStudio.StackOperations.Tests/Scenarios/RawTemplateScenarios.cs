using Amazon.DynamoDBv2.Model;
using EmrStudio.StackOperations.Tests.Infrastructure;
using EmrStudio.Testing;
using EmrStudio.Testing.Publishing;
using EmrStudio.Testing.Stacks;
using EmrStudio.Testing.Stacks.Templates;
using Xunit;
using Xunit.Abstractions;
using static EmrStudio.StackOperations.Tests.Infrastructure.StackWorld;

namespace EmrStudio.StackOperations.Tests.Scenarios;

/// <summary>template.yaml's handler stack (packaged as `aws cloudformation package` does) and examples/session-mapping.yaml importing its ServiceToken.</summary>
[Collection(StackOperationsCollection.Name)]
[Trait(TestTier.Name, TestTier.Full)]
public sealed class RawTemplateScenarios(PublishedBootstrap published, ITestOutputHelper output)
{
    public const string HandlerStack = "emrstudio-session-mapping-handler";
    public const string ConsumerStack = "data-scientists-studio-access";

    public static CloudFormationTemplate HandlerTemplate() =>
        CloudFormationTemplate.FromFile(RepositoryRoot.File("template.yaml")).WithPackagedCode(RepositoryRoot.Path);

    [Fact]
    public async Task Deploy_HandlerStackThenConsumerStack_MapsTheGroupThroughTheImportedServiceToken()
    {
        await using var world = await StackWorld.StartAsync(published, output);
        var parameters = new Dictionary<string, string> { ["Studios"] = $"{StudioX},{StudioY}" };
        var handler = await world.DeployAsync(HandlerStack, HandlerTemplate(), parameters);
        Assert.True(handler.FinalStatus == StackStatuses.CreateComplete, handler.ToString());
        var consumer = CloudFormationTemplate.FromFile(RepositoryRoot.File("examples/session-mapping.yaml"));

        var created = await world.DeployAsync(ConsumerStack, consumer, new Dictionary<string, string> { ["StudioId"] = StudioX });
        Assert.True(created.FinalStatus == StackStatuses.CreateComplete, created.ToString());
        Assert.Equal(world.DataScientists.Id, world.Account.Stack(ConsumerStack).Outputs["GroupId"]);
        world.AssertConsistent(world.Declared([ConsumerStack]));
        var record = await world.Account.DynamoDb.Client.GetItemAsync(
            world.Account.Stack(HandlerStack).Outputs["RecordTableName"],
            new Dictionary<string, AttributeValue> { ["pk"] = new($"{world.Account.Stack(ConsumerStack).StackId}|{consumer.SingleLogicalIdOfType(MappingType)}") });
        Assert.True(record.IsItemSet, "The handler wrote no record of the mapping to the handler stack's table.");

        var updated = await world.DeployAsync(ConsumerStack, consumer, new Dictionary<string, string> { ["StudioId"] = StudioX, ["SessionPolicyName"] = "team/EmrStudioDataScientistV2" });
        Assert.True(updated.FinalStatus == StackStatuses.UpdateComplete, updated.ToString());
        world.AssertConsistent(world.Declared([ConsumerStack]));
    }

    [Fact]
    public async Task Deploy_HandlerRoleWithoutTheRecordGrant_FailsTheMappingOnTheDeniedReadAndMapsNothing()
    {
        await using var world = await StackWorld.StartAsync(published, output);
        var withoutRecordGrant = HandlerTemplate().With(root =>
        {
            foreach (var policy in root["Resources"]!["HandlerRole"]!["Properties"]!["Policies"]!.AsArray())
            {
                var statements = policy!["PolicyDocument"]!["Statement"]!.AsArray();
                statements.Remove(statements.Single(s => s!["Sid"]?.GetValue<string>() == "Record"));
            }
        });
        await world.DeployAsync(HandlerStack, withoutRecordGrant, new Dictionary<string, string> { ["Studios"] = StudioX });
        var consumer = CloudFormationTemplate.FromFile(RepositoryRoot.File("examples/session-mapping.yaml"));

        var created = await world.DeployAsync(ConsumerStack, consumer, new Dictionary<string, string> { ["StudioId"] = StudioX });

        var failure = created.Events.First(e => e.ResourceType == MappingType && e.ResourceStatus == "CREATE_FAILED");
        Assert.StartsWith("Record: could not be read: AccessDeniedException: User: arn:aws:sts::", failure.Reason, StringComparison.Ordinal);
        Assert.Empty(world.Emr.Mappings);
    }

    [Fact]
    public async Task Delete_ConsumerStackThenHandlerStack_RemovesTheMapping()
    {
        await using var world = await StackWorld.StartAsync(published, output);
        var parameters = new Dictionary<string, string> { ["Studios"] = StudioX };
        await world.DeployAsync(HandlerStack, HandlerTemplate(), parameters);
        var consumer = CloudFormationTemplate.FromFile(RepositoryRoot.File("examples/session-mapping.yaml"));
        await world.DeployAsync(ConsumerStack, consumer, new Dictionary<string, string> { ["StudioId"] = StudioX });
        await Assert.ThrowsAsync<InvalidOperationException>(() => world.DeleteAsync(HandlerStack));

        var deleted = await world.DeleteAsync(ConsumerStack);
        if (deleted.FinalStatus != StackStatuses.DeleteComplete)
        {
            world.AssertConsistent([]);
        }

        var table = world.Account.Stack(HandlerStack).Outputs["RecordTableName"];
        var handlerDeleted = await world.DeleteAsync(HandlerStack);

        Assert.True(handlerDeleted.FinalStatus == StackStatuses.DeleteComplete, handlerDeleted.ToString());
        world.AssertConsistent([]);
        Assert.Contains(table, (await world.Account.DynamoDb.Client.ListTablesAsync()).TableNames);
    }
}
