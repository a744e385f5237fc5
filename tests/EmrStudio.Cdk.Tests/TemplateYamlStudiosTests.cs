using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EmrStudio.Cdk.Tests.Templates;
using EmrStudio.Testing;
using EmrStudio.Testing.Stacks;
using EmrStudio.Testing.Stacks.Templates;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>
/// template.yaml's <c>Studios</c> parameter scopes the EMR actions: what each value turns into, resolved as
/// CloudFormation would in the simulated account and region.
/// </summary>
[Trait(TestTier.Name, TestTier.Full)]
public sealed class TemplateYamlStudiosTests
{
    private const string Prefix = $"arn:aws:elasticmapreduce:{SimulatedAccountDefaults.Region}:{SimulatedAccountDefaults.AccountId}:studio/";

    private static CloudFormationTemplate Template => RepositoryTemplates.TemplateYaml;

    [Fact]
    public void StudioResources_Default_AreAllStudiosOfTheAccountInTheRegion()
    {
        Assert.Equal([Prefix + "*"], StudioResources(null));
    }

    [Fact]
    public void StudioResources_Ids_BecomeThisAccountsAndRegionsStudioArns()
    {
        Assert.Equal([Prefix + "es-ABC", Prefix + "es-0123DEF"], StudioResources("es-ABC, es-0123DEF"));
    }

    [Fact]
    public void StudioResources_Arns_AreKeptAsGiven()
    {
        const string Arn = "arn:aws:elasticmapreduce:eu-west-1:123456789012:studio/es-XYZ";

        Assert.Equal([Arn, Prefix + "es-ABC"], StudioResources($"{Arn},es-ABC"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    public void StudioResources_UpToTenEntries_AreEachGranted(int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"es-{i}").ToList();

        Assert.Equal(ids.Select(id => Prefix + id), StudioResources(string.Join(",", ids)));
    }

    [Fact]
    public void StudioResources_ElevenEntries_EndWithAnArnIamRejectsNamingTheLimit()
    {
        var resources = StudioResources(string.Join(",", Enumerable.Range(0, 11).Select(i => $"es-{i}")));

        Assert.Equal(11, resources.Count);
        Assert.Contains("more-than-10-entries", resources[^1], StringComparison.Ordinal);
        Assert.Equal(3, resources[^1].Count(c => c == ':'));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("es-0123456789ABCDEFGHIJKLMNO")]
    [InlineData("arn:aws:elasticmapreduce:us-east-1:123456789012:studio/es-ABC")]
    [InlineData("arn:aws-us-gov:elasticmapreduce:us-gov-west-1:123456789012:studio/*")]
    public void StudiosPattern_StudioIdOrArn_IsAccepted(string entry)
    {
        Assert.Matches(StudiosPattern(), entry);
    }

    [Theory]
    [InlineData("")]
    [InlineData("es-abc")]
    [InlineData("studio/es-ABC")]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData("arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/j-ABC")]
    public void StudiosPattern_OtherValue_IsRejected(string entry)
    {
        Assert.DoesNotMatch(StudiosPattern(), entry);
    }

    [Fact]
    public void CreateExampleMapping_ParametersOmitted_IsFalse()
    {
        Assert.False(Template.ResolverBeforeDeployment().Condition("CreateExampleMapping"));
    }

    [Fact]
    public void CreateExampleMapping_AllParametersGiven_IsTrue()
    {
        var parameters = new Dictionary<string, string>
        {
            ["ExampleStudioId"] = "es-ABC",
            ["ExampleIdentityType"] = "GROUP",
            ["ExampleIdentityName"] = "data-scientists",
            ["ExampleSessionPolicyArn"] = "arn:aws:iam::123456789012:policy/EmrStudioDataScientist",
        };

        Assert.True(Template.ResolverBeforeDeployment(parameters).Condition("CreateExampleMapping"));
        parameters["ExampleIdentityName"] = "";
        Assert.False(Template.ResolverBeforeDeployment(parameters).Condition("CreateExampleMapping"));
    }

    private static List<string> StudioResources(string? studios)
    {
        var parameters = studios is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Studios"] = studios };
        var statement = Assert.Single(
            PolicyDocuments.InlineStatements(Template.Properties(Template.SingleLogicalIdOfType("AWS::IAM::Role"))),
            s => PolicyDocuments.Sid(s) == "StudioSessionMappings");
        var resources = Template.ResolverBeforeDeployment(parameters).Resolve(statement["Resource"]);
        return [.. Assert.IsType<JsonArray>(resources).Select(r => r!.GetValue<string>())];
    }

    private static Regex StudiosPattern() =>
        new(Template.Section("Parameters")["Studios"]!["AllowedPattern"]!.GetValue<string>(), RegexOptions.None, TimeSpan.FromSeconds(1));
}
