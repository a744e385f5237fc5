using EmrStudio.Cdk.Internal;
using EmrStudio.Testing;
using Xunit;

namespace EmrStudio.Cdk.Tests.Nag;

/// <summary>
/// cdk-nag's AwsSolutions pack (npm cdk-nag 3.0.2 on aws-cdk-lib 2.276.0) reports nothing on the handler's resources
/// or the mappings, with the suppressions the role carries, and reports the role's wildcards without them.
/// </summary>
[Trait(TestTier.Name, TestTier.Full)]
public sealed class NagPackTests(NagPackFixture fixture) : IClassFixture<NagPackFixture>
{
    [Theory]
    [InlineData("default")]
    [InlineData("options")]
    [InlineData("vpc")]
    [InlineData("environment")]
    [InlineData("sample")]
    [InlineData("stackset")]
    [InlineData("member")]
    public void AwsSolutions_SynthesizedStack_ReportsNothingOnTheProductsResources(string name)
    {
        var product = NagPackFixture.ProductResources(fixture.Templates[name]);

        Assert.NotEmpty(product);
        Assert.DoesNotContain(fixture.Findings[name], f => product.Contains(f.LogicalId));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("options")]
    [InlineData("vpc")]
    [InlineData("environment")]
    [InlineData("stackset")]
    public void AwsSolutions_UnsuppressedControlPolicy_IsReported(string name)
    {
        Assert.Contains(fixture.Findings[name], f => f.LogicalId.StartsWith(NagPackFixture.ControlPolicyId, StringComparison.Ordinal) && f.Rule == "AwsSolutions-IAM5[Resource::*]");
    }

    [Fact]
    public void AwsSolutions_RoleWithoutItsSuppressions_ReportsExactlyItsThreeWildcardResources()
    {
        var role = TestStacks.LogicalId(fixture.Templates["unsuppressed"], "AWS::IAM::Role");

        Assert.Equal(
            [
                NagSuppressions.WildcardRuleId + "[Resource::*]",
                NagSuppressions.WildcardRuleId + "[" + NagSuppressions.ResourceFinding(HandlerPolicy.AllStacksArn) + "]",
                NagSuppressions.WildcardRuleId + "[" + NagSuppressions.ResourceFinding(HandlerPolicy.AllStudiosArn) + "]",
            ],
            fixture.Findings["unsuppressed"].Where(f => f.LogicalId == role).Select(f => f.Rule).Order(StringComparer.Ordinal));
    }
}
