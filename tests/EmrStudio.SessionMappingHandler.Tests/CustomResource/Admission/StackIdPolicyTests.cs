using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.CustomResource.Admission;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.CustomResource.Admission;

public sealed class StackIdPolicyTests
{
    private const string Own = "arn:aws:cloudformation:us-east-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f";

    private static readonly Arn Function = Arn.TryParse("arn:aws:lambda:us-east-1:123456789012:function:session-mapping")!;

    [Fact]
    public void Refusal_StackOfTheFunctionsOwnAccountAndRegion_IsNull()
    {
        Assert.Null(StackIdPolicy.FromVariable(null).Refusal(Own, Function));
    }

    [Theory]
    [InlineData("arn:aws:cloudformation:us-east-1:111122223333:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f", "account is not trusted")]
    [InlineData("arn:aws:cloudformation:eu-west-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f", "another region")]
    [InlineData("arn:aws-cn:cloudformation:us-east-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f", "another partition")]
    [InlineData("not-a-stack", "must be a CloudFormation stack ARN")]
    [InlineData("", "must be a CloudFormation stack ARN")]
    [InlineData("arn:aws:cloudformation:us-east-1:123456789012:stack/analytics", "must be a CloudFormation stack ARN")]
    [InlineData("arn:aws:cloudformation:us-east-1:123456789012:stackset/analytics:5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f", "must be a CloudFormation stack ARN")]
    [InlineData("arn:aws:cloudformation:us-east-1:123456789012:stack/1analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f", "must be a CloudFormation stack ARN")]
    [InlineData("arn:aws:cloudformation:us-east-1:123456789012:stack/ana_lytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f", "must be a CloudFormation stack ARN")]
    [InlineData("arn:aws:cloudformation:us-east-1:123456789012:stack/analytics/not-a-uuid", "must be a CloudFormation stack ARN")]
    [InlineData("arn:aws:cloudformation:us-east-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f/extra", "must be a CloudFormation stack ARN")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f", "must be a CloudFormation stack ARN")]
    [InlineData("arn:aws:cloudformation:us-east-1:12345678901:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f", "must be a CloudFormation stack ARN")]
    public void Refusal_StackIdsCloudFormationWouldNotSendThisFunction_NameTheCheck(string stackId, string expected)
    {
        var refusal = StackIdPolicy.FromVariable(null).Refusal(stackId, Function);

        Assert.NotNull(refusal);
        Assert.StartsWith("StackId: ", refusal, StringComparison.Ordinal);
        Assert.Contains(expected, refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("111122223333", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_AccountInTheTrustedList_IsNull()
    {
        var policy = StackIdPolicy.FromVariable(" 111122223333, ,444455556666");

        Assert.Null(policy.Refusal("arn:aws:cloudformation:us-east-1:444455556666:stack/shared/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f", Function));
        Assert.NotNull(policy.Refusal("arn:aws:cloudformation:us-east-1:999999999999:stack/shared/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f", Function));
    }

    [Fact]
    public void Refusal_TrustedAccountInAnotherRegion_IsStillRefused()
    {
        var policy = StackIdPolicy.FromVariable("111122223333");

        Assert.Contains("another region", policy.Refusal("arn:aws:cloudformation:eu-west-1:111122223333:stack/shared/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f", Function), StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_NoFunctionArn_RefusesBecauseNothingCanBeChecked()
    {
        Assert.Contains("Lambda-Runtime-Invoked-Function-Arn", StackIdPolicy.FromVariable(null).Refusal(Own, function: null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567890123")]
    [InlineData("12345678901a")]
    public void FromVariable_MalformedAccount_FailsNamingTheVariable(string entry)
    {
        var error = Assert.Throws<InvalidOperationException>(() => StackIdPolicy.FromVariable("111122223333," + entry));

        Assert.Contains(StackIdPolicy.TrustedAccountsVariable, error.Message, StringComparison.Ordinal);
    }
}
