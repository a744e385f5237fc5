using Amazon.CDK;
using Amazon.CDK.Assertions;
using EmrStudio.Cdk.Internal;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>The custom resource itself: its dependencies, AdoptExisting, and the removal policies CloudFormation accepts.</summary>
public sealed class MappingResourceTests
{
    [Fact]
    public void Constructor_EveryMapping_DependsOnTheEventInvokeConfig()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A");
        TestStacks.Map(stack, "B", identity: StudioIdentity.User("someone"));

        var template = TestStacks.Json(stack);
        var invokeConfigId = TestStacks.LogicalId(template, "AWS::Lambda::EventInvokeConfig");
        var mappings = TestStacks.Resources(template, HandlerDefaults.ResourceType).ToList();

        Assert.Equal(2, mappings.Count);
        Assert.All(mappings, m => Assert.Contains(invokeConfigId, m.Value!["DependsOn"]!.Values<string>()));
    }

    [Fact]
    public void Constructor_AdoptExisting_SendsTheStringTrue()
    {
        var stack = TestStacks.NewStack();
        _ = new StudioSessionMapping(stack, "A", new StudioSessionMappingProps
        {
            StudioId = TestStacks.StudioA,
            Identity = StudioIdentity.Group("data-scientists"),
            SessionPolicy = TestStacks.PolicyArn,
            AdoptExisting = true,
        });

        Template.FromStack(stack).HasResourceProperties(HandlerDefaults.ResourceType, new Dictionary<string, object> { ["AdoptExisting"] = "true" });
    }

    [Fact]
    public void Constructor_AdoptExistingUnset_OmitsTheProperty()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A");

        Template.FromStack(stack).HasResourceProperties(HandlerDefaults.ResourceType, new Dictionary<string, object> { ["AdoptExisting"] = Match.Absent() });
    }

    [Fact]
    public void Constructor_RemovalPolicySnapshot_FailsNamingPathAndProperty()
    {
        var stack = TestStacks.NewStack();

        var error = Assert.Throws<StudioSessionMappingValidationException>(() => TestStacks.Map(stack, "A", removalPolicy: RemovalPolicy.SNAPSHOT));

        Assert.Equal("RemovalPolicy", error.ParamName);
        Assert.StartsWith("Test/A: RemovalPolicy ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RemovalPolicyRetainOnUpdateOrDelete_RetainsExceptWhenCreateFails()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A", removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);

        Template.FromStack(stack).HasResource(HandlerDefaults.ResourceType, new Dictionary<string, object>
        {
            ["DeletionPolicy"] = "RetainExceptOnCreate",
            ["UpdateReplacePolicy"] = "Retain",
        });
    }
}
