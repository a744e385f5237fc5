using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.IAM;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>Who may make the handler act: the grant helper gives lambda:InvokeFunction on the shared function only.</summary>
public sealed class GrantInvokeHandlerTests
{
    [Fact]
    public void GrantInvokeHandler_RoleInTheStack_AllowsInvokeOnTheHandlerFunctionOnly()
    {
        var stack = TestStacks.NewStack();
        var mapping = TestStacks.Map(stack, "A");
        var deployer = new Role(stack, "Deployer", new RoleProps { AssumedBy = new AccountRootPrincipal() });

        var grant = mapping.GrantInvokeHandler(deployer);

        Assert.True(grant.Success);
        var functionId = stack.GetLogicalId((Amazon.CDK.CfnElement)mapping.HandlerFunction.Node.DefaultChild!);
        var policy = TestStacks.Single(TestStacks.Json(stack), "AWS::IAM::Policy")["Properties"]!;
        var statement = policy["PolicyDocument"]!["Statement"]!.Single();
        Assert.Equal("lambda:InvokeFunction", (string?)statement["Action"]);
        Assert.Equal("Allow", (string?)statement["Effect"]);
        var resources = statement["Resource"]!.Select(TestStacks.Compact).ToList();
        Assert.Equal(2, resources.Count);
        Assert.Contains($$"""{"Fn::GetAtt":["{{functionId}}","Arn"]}""", resources);
        Assert.Contains($$"""{"Fn::Join":["",[{"Fn::GetAtt":["{{functionId}}","Arn"]},":*"]]}""", resources);
        Assert.Equal(stack.GetLogicalId((Amazon.CDK.CfnElement)deployer.Node.DefaultChild!), (string?)policy["Roles"]!.Single()["Ref"]);
    }

    [Fact]
    public void GrantInvokeHandler_AnotherAccount_AddsAResourceBasedPermission()
    {
        var stack = TestStacks.NewStack();
        var mapping = TestStacks.Map(stack, "A", handlerOptions: new StudioSessionMappingHandlerOptions { TrustedStackAccounts = ["111122223333"] });

        mapping.GrantInvokeHandler(new AccountPrincipal("111122223333"));

        var functionId = stack.GetLogicalId((Amazon.CDK.CfnElement)mapping.HandlerFunction.Node.DefaultChild!);
        Template.FromStack(stack).HasResourceProperties("AWS::Lambda::Permission", new Dictionary<string, object>
        {
            ["Action"] = "lambda:InvokeFunction",
            ["Principal"] = "111122223333",
            ["FunctionName"] = new Dictionary<string, object> { ["Fn::GetAtt"] = new[] { functionId, "Arn" } },
        });
    }

    [Fact]
    public void GrantInvokeHandler_NotCalled_GrantsNothing()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A");

        var template = TestStacks.Json(stack);
        // The one permission the stack has is the reconcile schedule's, for EventBridge from its rule.
        var permission = TestStacks.Single(template, "AWS::Lambda::Permission")["Properties"]!;
        Assert.Equal("events.amazonaws.com", (string?)permission["Principal"]);
        Assert.Equal(TestStacks.LogicalId(template, "AWS::Events::Rule"), (string?)permission["SourceArn"]!["Fn::GetAtt"]![0]);
        Assert.Empty(TestStacks.Resources(template, "AWS::IAM::Policy"));
    }
}
