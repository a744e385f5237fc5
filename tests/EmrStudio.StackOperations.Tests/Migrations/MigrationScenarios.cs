using Amazon.CDK;
using Amazon.CDK.CustomResources;
using EmrStudio.Cdk;
using EmrStudio.StackOperations.Tests.Infrastructure;
using EmrStudio.StackOperations.Tests.Scenarios;
using EmrStudio.Testing;
using EmrStudio.Testing.Publishing;
using EmrStudio.Testing.Stacks;
using EmrStudio.Testing.Stacks.Templates;
using Xunit;
using Xunit.Abstractions;
using static EmrStudio.StackOperations.Tests.Infrastructure.StackWorld;

namespace EmrStudio.StackOperations.Tests.Migrations;

/// <summary>
/// The migration guides of docs/migration.md played as stack sequences: onto Custom::EmrStudioSessionMapping with
/// AdoptExisting from a console mapping, from the native resource, and from a CDK AwsCustomResource. Each must end
/// with exactly the declared mapping and never leave the principal without one; EMR's state is printed after every step.
/// </summary>
[Collection(StackOperationsCollection.Name)]
[Trait(TestTier.Name, TestTier.Full)]
public sealed class MigrationScenarios(PublishedBootstrap published, ITestOutputHelper output)
{
    private const string Stack = "data-scientists-studio-access";

    [Fact]
    public async Task Adopt_MappingMadeOutOfBand_TakesItOverThenKeepsItWithoutTheFlag()
    {
        await using var world = await StartWithHandlerStackAsync();
        world.Emr.PutMapping(StudioX, world.DataScientists, PolicyA);
        world.Log("== a mapping made in the console\nEMR state:\n" + world.EmrState());

        await Expect(world, MigrationTemplates.Custom("DataScientists", StudioX, "data-scientists", PolicyB, adopt: "true", retain: true), StackStatuses.CreateComplete);
        await Expect(world, MigrationTemplates.Custom("DataScientists", StudioX, "data-scientists", PolicyB, adopt: null), StackStatuses.UpdateComplete);

        AssertNoGap(world);
        world.AssertConsistent(world.Declared([Stack]));
    }

    [Fact]
    public async Task Adopt_FromNativeResource_RetainThenReplaceInOneUpdate()
    {
        await using var world = await StartWithHandlerStackAsync();
        await Expect(world, MigrationTemplates.Native(StudioX, "data-scientists", PolicyA, retain: false), StackStatuses.CreateComplete);
        await Expect(world, MigrationTemplates.Native(StudioX, "data-scientists", PolicyA, retain: true), StackStatuses.UpdateComplete);

        await Expect(world, MigrationTemplates.Custom("DataScientistsMapping", StudioX, "data-scientists", PolicyA, adopt: "true", retain: true), StackStatuses.UpdateComplete);
        await Expect(world, MigrationTemplates.Custom("DataScientistsMapping", StudioX, "data-scientists", PolicyA, adopt: null), StackStatuses.UpdateComplete);

        AssertNoGap(world);
        world.AssertConsistent(world.Declared([Stack]));
    }

    [Fact]
    public async Task Adopt_FromNativeResource_MigrationUpdateFailsAndRollsBack_TheRetainedAdoptionKeepsTheMapping()
    {
        await using var world = await StartWithHandlerStackAsync();
        await Expect(world, MigrationTemplates.Native(StudioX, "data-scientists", PolicyA, retain: true), StackStatuses.CreateComplete);

        // As the guide says: the adopting resource is retained too while it adopts, so that a rollback of this update,
        // which deletes what the update created, forgets the mapping instead of deleting it.
        var migration = MigrationTemplates.Custom("DataScientistsMapping", StudioX, "data-scientists", PolicyB, adopt: "true", retain: true)
            .WithResource("Boom", TestFailure.Declaration("Create", ["DataScientistsMapping"]));
        await Expect(world, migration, StackStatuses.UpdateRollbackComplete);

        AssertNoGap(world);
        var mapping = Assert.Single(world.Emr.Mappings);
        Assert.Equal(world.DataScientists.Id, mapping.IdentityId);
        Assert.Equal("AWS::EMR::StudioSessionMapping", Assert.Single(world.Account.Stack(Stack).Resources.Values).Type);
    }

    [Fact]
    public async Task Adopt_FromAwsCustomResource_RetainThenReplace()
    {
        await using var world = await StackWorld.StartAsync(published, output);
        await Expect(world, Legacy(world, RemovalPolicy.DESTROY), StackStatuses.CreateComplete);
        await Expect(world, Legacy(world, RemovalPolicy.RETAIN), StackStatuses.UpdateComplete);

        await Expect(world, Replacement(world, adopt: true), StackStatuses.UpdateComplete);
        await Expect(world, Replacement(world, adopt: false), StackStatuses.UpdateComplete);

        AssertNoGap(world);
        world.AssertConsistent(world.Declared([Stack]));
    }

    /// <summary>
    /// The StudioSessionMapping that replaces the AwsCustomResource, under a new construct id (a logical id cannot
    /// change type in place): adopting and retained, as the guide says, or afterwards without either.
    /// </summary>
    private static CloudFormationTemplate Replacement(StackWorld world, bool adopt) =>
        ConstructApp.Synthesize(world.HandlerDirectory, adopt ? "StudioSessionMapping with AdoptExisting (RETAIN)" : "StudioSessionMapping", stack =>
            _ = new StudioSessionMapping(stack, "DataScientistsMapping", new StudioSessionMappingProps
            {
                StudioId = StudioX,
                Identity = StudioIdentity.Group("data-scientists"),
                SessionPolicy = PolicyA,
                AdoptExisting = adopt,
                RemovalPolicy = adopt ? RemovalPolicy.RETAIN : null,
            }));

    /// <summary>An AwsCustomResource that calls createStudioSessionMapping and, on delete, deleteStudioSessionMapping.</summary>
    private static CloudFormationTemplate Legacy(StackWorld world, RemovalPolicy removal) =>
        ConstructApp.Synthesize(world.HandlerDirectory, $"AwsCustomResource ({removal})", stack =>
        {
            var key = new Dictionary<string, object> { ["StudioId"] = StudioX, ["IdentityType"] = "GROUP", ["IdentityName"] = "data-scientists" };
            _ = new AwsCustomResource(stack, "DataScientists", new AwsCustomResourceProps
            {
                OnCreate = new AwsSdkCall
                {
                    Service = "EMR",
                    Action = "createStudioSessionMapping",
                    Parameters = new Dictionary<string, object>(key) { ["SessionPolicyArn"] = PolicyA },
                    PhysicalResourceId = PhysicalResourceId.Of($"{StudioX}|GROUP|data-scientists"),
                },
                OnDelete = new AwsSdkCall { Service = "EMR", Action = "deleteStudioSessionMapping", Parameters = key },
                Policy = AwsCustomResourcePolicy.FromSdkCalls(new SdkCallsPolicyOptions { Resources = AwsCustomResourcePolicy.ANY_RESOURCE }),
                InstallLatestAwsSdk = false,
                RemovalPolicy = removal,
            });
        });

    private async Task<StackWorld> StartWithHandlerStackAsync()
    {
        var world = await StackWorld.StartAsync(published, output);
        var handler = await world.DeployAsync(RawTemplateScenarios.HandlerStack, RawTemplateScenarios.HandlerTemplate());
        Assert.True(handler.FinalStatus == StackStatuses.CreateComplete, handler.ToString());
        return world;
    }

    private static async Task Expect(StackWorld world, CloudFormationTemplate template, string status)
    {
        var result = await world.DeployAsync(Stack, template);
        if (result.FinalStatus != status)
        {
            world.AssertConsistent(world.Declared([Stack]));
            Assert.Fail($"expected {status}:\n{result}");
        }
    }

    private static void AssertNoGap(StackWorld world)
    {
        var gaps = world.GapsFor(StudioX, world.DataScientists);
        world.Log("EMR mapping history:\n" + string.Join("\n", world.Emr.MappingHistory.Select(change => "  " + change)));
        Assert.True(gaps.Count == 0, "the principal lost its mapping in between:\n" + string.Join("\n", gaps));
    }
}
