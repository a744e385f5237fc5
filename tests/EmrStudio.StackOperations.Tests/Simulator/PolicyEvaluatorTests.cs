using System.Text.Json.Nodes;
using EmrStudio.Testing.Stacks.Iam;
using Xunit;

namespace EmrStudio.StackOperations.Tests.Simulator;

/// <summary>IAM's evaluation as the fakes apply it.</summary>
public sealed class PolicyEvaluatorTests
{
    private const string Caller = "arn:aws:sts::123456789012:assumed-role/handler/fn";
    private const string Studio = "arn:aws:elasticmapreduce:us-east-1:123456789012:studio/es-ABC";

    [Theory]
    [InlineData("""{"Effect":"Allow","Action":"ElasticMapReduce:Create*","Resource":"arn:aws:elasticmapreduce:us-east-1:123456789012:studio/*"}""", true)]
    [InlineData("""{"Effect":"Allow","Action":"elasticmapreduce:CreateStudioSessionMapping","Resource":"arn:aws:elasticmapreduce:us-east-1:123456789012:studio/es-AB?"}""", true)]
    [InlineData("""{"Effect":"Allow","Action":"elasticmapreduce:CreateStudioSessionMapping","Resource":"arn:aws:elasticmapreduce:us-east-1:123456789012:studio/es-OTHER"}""", false)]
    [InlineData("""{"Effect":"Allow","NotAction":"elasticmapreduce:Delete*","Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Allow","Action":"*","NotResource":"arn:aws:elasticmapreduce:*:*:studio/es-ABC"}""", false)]
    public void Evaluate_Statement_AllowsExactlyWhatItMatches(string statement, bool allowed)
    {
        var decision = PolicyEvaluator.Evaluate(Principal([statement]), "elasticmapreduce:CreateStudioSessionMapping", Studio);

        Assert.Equal(allowed, decision.Allowed);
    }

    [Fact]
    public void Evaluate_DenyAndAllow_DenyWinsWithAwsWording()
    {
        var decision = PolicyEvaluator.Evaluate(
            Principal(["""{"Effect":"Allow","Action":"*","Resource":"*"}""", """{"Effect":"Deny","Action":"elasticmapreduce:*","Resource":"*"}"""]),
            "elasticmapreduce:DeleteStudioSessionMapping", Studio);

        Assert.False(decision.Allowed);
        Assert.Equal($"User: {Caller} is not authorized to perform: elasticmapreduce:DeleteStudioSessionMapping on resource: {Studio} with an explicit deny in an identity-based policy", decision.Message);
    }

    [Fact]
    public void Evaluate_NothingAllows_SaysNoIdentityBasedPolicyAllows()
    {
        var decision = PolicyEvaluator.Evaluate(Principal([]), "sso:DeleteApplicationAssignment", "*");

        Assert.Equal($"User: {Caller} is not authorized to perform: sso:DeleteApplicationAssignment on resource: * because no identity-based policy allows the sso:DeleteApplicationAssignment action", decision.Message);
    }

    [Fact]
    public void Evaluate_BoundaryWithoutTheAction_Denies()
    {
        var boundary = IamPolicy.Parse("boundary", JsonNode.Parse("""{"Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}"""));
        var principal = Principal(["""{"Effect":"Allow","Action":"*","Resource":"*"}"""]) with { PermissionsBoundary = boundary };

        var decision = PolicyEvaluator.Evaluate(principal, "elasticmapreduce:GetStudioSessionMapping", Studio);

        Assert.False(decision.Allowed);
        Assert.EndsWith("because no permissions boundary allows the elasticmapreduce:GetStudioSessionMapping action", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MatchingStatementWithCondition_FailsLoudly()
    {
        var principal = Principal(["""{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}"""]);

        Assert.Throws<NotSupportedException>(() => PolicyEvaluator.Evaluate(principal, "sso:CreateApplicationAssignment", "*"));
    }

    private static IamPrincipalPolicies Principal(string[] statements) =>
        new(Caller, [IamPolicy.Parse("inline", JsonNode.Parse($$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}"""))], null);
}
