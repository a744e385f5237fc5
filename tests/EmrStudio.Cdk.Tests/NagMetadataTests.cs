using Amazon.CDK.AWS.EC2;
using EmrStudio.Cdk.Internal;
using Newtonsoft.Json.Linq;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>
/// The shape of the handler role's cdk-nag suppressions: AwsSolutions-IAM5 for exactly the wildcard resources the
/// role has, each with a reason, and nothing on any other resource. NagPackTests runs the pack itself.
/// </summary>
public sealed class NagMetadataTests
{
    private const string AnyResource = "Resource::*";
    private const string AllStudios = "Resource::arn:<AWS::Partition>:elasticmapreduce:<AWS::Region>:<AWS::AccountId>:studio/*";
    private const string AllStacks = "Resource::arn:<AWS::Partition>:cloudformation:<AWS::Region>:<AWS::AccountId>:stack/*";

    [Fact]
    public void RoleMetadata_Default_SuppressesIam5ForItsThreeWildcardResourcesOnly()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A");

        var rules = Rules(TestStacks.Single(TestStacks.Json(stack), "AWS::IAM::Role"));

        Assert.All(rules, r => Assert.Equal("AwsSolutions-IAM5", (string?)r["id"]));
        Assert.All(rules, r => Assert.True(((string?)r["reason"])?.Length >= 10, "cdk-nag needs a reason of at least 10 characters"));
        Assert.Equal([AnyResource, AllStudios, AllStacks], rules.SelectMany(r => r["applies_to"]!.Values<string>()));
    }

    [Fact]
    public void RoleMetadata_ExplicitStudios_DropsTheStudioWildcard()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A", handlerOptions: new StudioSessionMappingHandlerOptions { Studios = [TestStacks.StudioA] });

        var rules = Rules(TestStacks.Single(TestStacks.Json(stack), "AWS::IAM::Role"));

        Assert.Equal([AnyResource, AllStacks], rules.SelectMany(r => r["applies_to"]!.Values<string>()));
    }

    [Fact]
    public void RoleMetadata_Vpc_GivesTheNetworkInterfaceActionsAsAReasonForTheAnyResourceFinding()
    {
        var withoutVpc = TestStacks.NewStack();
        TestStacks.Map(withoutVpc, "A");
        var withVpc = TestStacks.NewStack();
        TestStacks.Map(withVpc, "A", handlerOptions: new StudioSessionMappingHandlerOptions
        {
            VpcSubnets = [Subnet.FromSubnetId(withVpc, "S", "subnet-1")],
            SecurityGroups = [SecurityGroup.FromSecurityGroupId(withVpc, "Sg", "sg-1")],
        });

        static string? AnyResourceReason(JToken role) => (string?)Rules(role).Single(r => r["applies_to"]!.Values<string>().Contains(AnyResource))["reason"];

        Assert.DoesNotContain("network interface", AnyResourceReason(TestStacks.Single(TestStacks.Json(withoutVpc), "AWS::IAM::Role")), StringComparison.Ordinal);
        Assert.Contains("network interface", AnyResourceReason(TestStacks.Single(TestStacks.Json(withVpc), "AWS::IAM::Role")), StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_OtherResources_CarryNoSuppressions()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A");

        var template = TestStacks.Json(stack);
        var suppressed = ((JObject)template["Resources"]!).Properties()
            .Where(r => r.Value["Metadata"]?[NagSuppressions.MetadataKey] is not null)
            .Select(r => (string?)r.Value["Type"]);

        Assert.Equal(["AWS::IAM::Role"], suppressed);
    }

    [Fact]
    public void ResourceFinding_SubArn_IsWrittenAsCdkNagFlattensIt()
    {
        Assert.Equal(AllStudios, NagSuppressions.ResourceFinding(HandlerPolicy.AllStudiosArn));
    }

    private static List<JToken> Rules(JToken role) => [.. role["Metadata"]![NagSuppressions.MetadataKey]!["rules_to_suppress"]!];
}
