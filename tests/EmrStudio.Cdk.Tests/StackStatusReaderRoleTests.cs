using Amazon.CDK;
using EmrStudio.Cdk.Internal;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>The read-only role of a trusted account trusts the handler's role alone and allows DescribeStacks only.</summary>
public sealed class StackStatusReaderRoleTests
{
    private const string HandlerRoleArn = "arn:aws:iam::111122223333:role/emrstudio-session-mapping-handler-HandlerRole-ABC123";

    [Fact]
    public void Constructor_Default_TrustsTheHandlersRoleAndDescribesThisRegionsStacksOnly()
    {
        var stack = TestStacks.NewStack();
        var reader = new StackStatusReaderRole(stack, "Reader", new StackStatusReaderRoleProps { HandlerRoleArn = HandlerRoleArn });

        var role = TestStacks.Single(TestStacks.Json(stack), "AWS::IAM::Role")["Properties"]!;
        Assert.Equal(HandlerDefaults.StackStatusReaderRoleName, (string?)role["RoleName"]);
        Assert.Equal(HandlerDefaults.StackStatusReaderRoleName, reader.RoleName);
        Assert.Equal(
            $$$"""{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"AWS":"{{{HandlerRoleArn}}}"}}],"Version":"2012-10-17"}""",
            TestStacks.Compact(role["AssumeRolePolicyDocument"]!));
        Assert.Equal(
            """[{"PolicyDocument":{"Statement":[{"Action":"cloudformation:DescribeStacks","Effect":"Allow","Resource":{"Fn::Sub":"arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/*"},"Sid":"StackStatus"}],"Version":"2012-10-17"},"PolicyName":"StackStatus"}]""",
            TestStacks.Compact(role["Policies"]!));
        Assert.Null(role["ManagedPolicyArns"]);
        Assert.Null(role["Path"]);
    }

    [Fact]
    public void Regions_Given_DescribeTheStacksOfEachOnly()
    {
        var stack = TestStacks.NewStack();
        _ = new StackStatusReaderRole(stack, "Reader", new StackStatusReaderRoleProps { HandlerRoleArn = HandlerRoleArn, Regions = ["eu-west-1", "us-east-1"], RoleName = "Reader" });

        var role = TestStacks.Single(TestStacks.Json(stack), "AWS::IAM::Role")["Properties"]!;
        Assert.Equal("Reader", (string?)role["RoleName"]);
        Assert.Equal(
            """[{"Fn::Sub":"arn:${AWS::Partition}:cloudformation:eu-west-1:${AWS::AccountId}:stack/*"},{"Fn::Sub":"arn:${AWS::Partition}:cloudformation:us-east-1:${AWS::AccountId}:stack/*"}]""",
            TestStacks.Compact(role["Policies"]![0]!["PolicyDocument"]!["Statement"]![0]!["Resource"]!));
    }

    [Fact]
    public void Constructor_Always_SuppressesExactlyItsStackWildcardsWithAReason()
    {
        var stack = TestStacks.NewStack();
        _ = new StackStatusReaderRole(stack, "Reader", new StackStatusReaderRoleProps { HandlerRoleArn = HandlerRoleArn, Regions = ["eu-west-1"] });

        var rule = TestStacks.Single(TestStacks.Json(stack), "AWS::IAM::Role")["Metadata"]![NagSuppressions.MetadataKey]!["rules_to_suppress"]!.Single();
        Assert.Equal(NagSuppressions.WildcardRuleId, (string?)rule["id"]);
        Assert.Equal("Resource::arn:<AWS::Partition>:cloudformation:eu-west-1:<AWS::AccountId>:stack/*", (string?)rule["applies_to"]!.Single());
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:user/someone")]
    [InlineData("arn:aws:iam::1111:role/x")]
    [InlineData("emrstudio-session-mapping-handler-HandlerRole-ABC123")]
    public void HandlerRoleArn_NotARoleArn_FailsNamingTheProperty(string arn)
    {
        var error = Assert.Throws<StudioSessionMappingValidationException>(() =>
            new StackStatusReaderRole(TestStacks.NewStack(), "Reader", new StackStatusReaderRoleProps { HandlerRoleArn = arn }));

        Assert.StartsWith("Test/Reader: HandlerRoleArn must be an IAM role ARN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Regions_NotARegion_FailsNamingTheProperty()
    {
        var error = Assert.Throws<StudioSessionMappingValidationException>(() =>
            new StackStatusReaderRole(TestStacks.NewStack(), "Reader", new StackStatusReaderRoleProps { HandlerRoleArn = HandlerRoleArn, Regions = ["Europe"] }));

        Assert.Equal("Test/Reader: Regions must hold region names such as eu-west-1 (got 'Europe').", error.Message);
    }

    [Fact]
    public void HandlerRoleArn_Token_IsTrustedAsGiven()
    {
        var stack = TestStacks.NewStack();
        var arn = new CfnParameter(stack, "HandlerRoleArn").ValueAsString;
        _ = new StackStatusReaderRole(stack, "Reader", new StackStatusReaderRoleProps { HandlerRoleArn = arn });

        var role = TestStacks.Single(TestStacks.Json(stack), "AWS::IAM::Role")["Properties"]!;
        Assert.Equal("""{"AWS":{"Ref":"HandlerRoleArn"}}""", TestStacks.Compact(role["AssumeRolePolicyDocument"]!["Statement"]![0]!["Principal"]!));
    }
}
