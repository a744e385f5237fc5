using EmrStudio.Cdk;
using EmrStudio.StackOperations.Tests.Infrastructure;
using EmrStudio.Testing;
using EmrStudio.Testing.Publishing;
using EmrStudio.Testing.Stacks.Templates;
using Xunit;
using Xunit.Abstractions;

namespace EmrStudio.StackOperations.Tests.StackSets;

/// <summary>
/// The member template that <see cref="StudioSessionMappingStackSet"/> synthesizes, rolled out by the simulator's
/// StackSets as CloudFormation would roll out the CfnStackSet's TemplateBody: every account's handler finds its own
/// studio by name and maps exactly the declared principals.
/// </summary>
[Collection(StackOperationsCollection.Name)]
[Trait(TestTier.Name, TestTier.Full)]
public sealed class ConstructMemberScenarios(PublishedBootstrap published, ITestOutputHelper output)
{
    private const string StudioName = "analytics";

    [Fact]
    public async Task CreateStackInstances_ConstructsMemberTemplate_EveryStudioHoldsExactlyTheDeclaredMappings()
    {
        var member = new StackSetMember(
            ConstructMemberTemplate(),
            new Dictionary<string, string>(StringComparer.Ordinal),
            new Dictionary<string, string>(StringComparer.Ordinal),
            StudioName,
            [("GROUP", "data-scientists"), ("USER", "lead.analyst@example.com")]);
        await using var rollout = await StackSetRollout.StartAsync(new StackSetRolloutOptions
        {
            BootstrapExecutable = published.RequireExecutable(),
            Member = member,
            Accounts = 3,
            Regions = ["us-east-1", "eu-west-1"],
            Log = output.WriteLine,
        });

        var result = await rollout.CreateAsync();

        Assert.True(result.Problems.Count == 0, result.ToString());
        Assert.Equal((6, 6, 0, 0), (result.Instances, result.Succeeded, result.Failed, result.Cancelled));
        Assert.Equal((12, 12), (result.FinalMappings, result.DeclaredMappings));
        // Each mapping resolved its studio by name in its own account and region.
        Assert.Equal(12, result.EmrCallsByOperation["ListStudios"]);
    }

    private CloudFormationTemplate ConstructMemberTemplate()
    {
        string? memberTemplate = null;
        ConstructApp.Synthesize(published.OutputDirectory, "the StackSet's parent stack", stack =>
        {
            var stackSet = new StudioSessionMappingStackSet(stack, "Analytics", new StudioSessionMappingStackSetProps
            {
                StackSetName = "emrstudio-analytics-mappings",
                OrganizationalUnitIds = ["ou-ab12-34cd56ef"],
                Regions = ["us-east-1", "eu-west-1"],
                CodeBucketPrefix = "example-org-emrstudio-code",
                Mappings = new Dictionary<string, StudioSessionMappingProps>
                {
                    ["DataScientists"] = new()
                    {
                        StudioId = StudioReference.FromName(StudioName),
                        Identity = StudioIdentity.Group("data-scientists"),
                        SessionPolicy = SessionPolicyReference.FromName("EmrStudioDataScientist"),
                    },
                    ["LeadAnalyst"] = new()
                    {
                        StudioId = StudioReference.FromName(StudioName),
                        Identity = StudioIdentity.User("lead.analyst@example.com"),
                        SessionPolicy = SessionPolicyReference.FromName("team/EmrStudioAnalyst"),
                    },
                },
            });
            memberTemplate = stackSet.MemberTemplate;
        });
        return CloudFormationTemplate.FromJson(memberTemplate!, "StudioSessionMappingStackSet's member template");
    }
}
