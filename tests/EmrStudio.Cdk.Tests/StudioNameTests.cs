using Amazon.CDK;
using Amazon.CDK.Assertions;
using EmrStudio.Cdk.Internal;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>A studio named by its name: the resource gets StudioName instead of StudioId, checked by the shared text rule.</summary>
public sealed class StudioNameTests
{
    [Fact]
    public void FromName_Literal_SetsStudioNameAndNoStudioId()
    {
        var stack = TestStacks.NewStack();
        Map(stack, "A", StudioReference.FromName("analytics"));

        Template.FromStack(stack).HasResourceProperties(HandlerDefaults.ResourceType, new Dictionary<string, object>
        {
            ["StudioName"] = "analytics",
            ["StudioId"] = Match.Absent(),
        });
    }

    [Fact]
    public void FromName_Token_PassesToTheResource()
    {
        var stack = TestStacks.NewStack();
        var name = new CfnParameter(stack, "StudioName").ValueAsString;
        Map(stack, "A", StudioReference.FromName(name));

        Template.FromStack(stack).HasResourceProperties(HandlerDefaults.ResourceType, new Dictionary<string, object>
        {
            ["StudioName"] = new Dictionary<string, object> { ["Ref"] = "StudioName" },
        });
    }

    [Theory]
    [InlineData("", "StudioName must not be empty.")]
    [InlineData("analytics\n", "StudioName must not contain control characters (tab, CR and LF included) or U+FFFE/U+FFFF (got 'analytics\\u000a').")]
    public void FromName_BrokenLiteral_FailsNamingStudioName(string name, string rule)
    {
        var error = Assert.Throws<StudioSessionMappingValidationException>(() => Map(TestStacks.NewStack(), "A", StudioReference.FromName(name)));

        Assert.Equal("Test/A: " + rule, error.Message);
    }

    [Fact]
    public void FromName_257Characters_FailsNamingStudioName()
    {
        var error = Assert.Throws<StudioSessionMappingValidationException>(() => Map(TestStacks.NewStack(), "A", StudioReference.FromName(new string('a', 257))));

        Assert.Equal("Test/A: StudioName must be at most 256 characters (got 257).", error.Message);
    }

    [Fact]
    public void FromName_SamePrincipalOnTheSameNameTwice_FailsNamingBoth()
    {
        var stack = TestStacks.NewStack();
        Map(stack, "A", StudioReference.FromName("analytics"));

        var error = Assert.Throws<StudioSessionMappingValidationException>(() => Map(stack, "B", StudioReference.FromName("analytics")));

        Assert.Contains("on the studio named 'analytics', as 'Test/A' already does", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromName_WithAStudiosList_IsLeftToTheHandler()
    {
        var stack = TestStacks.NewStack();
        Map(stack, "A", StudioReference.FromName("analytics"), new StudioSessionMappingHandlerOptions { Studios = [TestStacks.StudioA] });

        Template.FromStack(stack).ResourceCountIs(HandlerDefaults.ResourceType, 1);
    }

    [Fact]
    public void HandlerOptionsStudios_AName_FailsNamingTheOption()
    {
        var error = Assert.Throws<StudioSessionMappingValidationException>(() =>
            Map(TestStacks.NewStack(), "A", TestStacks.StudioA, new StudioSessionMappingHandlerOptions { Studios = [StudioReference.FromName("analytics")] }));

        Assert.StartsWith("Test/A: HandlerOptions.Studios must hold studio ids", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromName_ToString_SaysItIsAName()
    {
        Assert.Equal("studio named 'analytics'", StudioReference.FromName("analytics").ToString());
        Assert.Null(StudioReference.FromName("analytics").StudioId);
        Assert.Equal(TestStacks.StudioA, StudioReference.FromId(TestStacks.StudioA).ToString());
    }

    private static StudioSessionMapping Map(Stack stack, string id, StudioReference studio, StudioSessionMappingHandlerOptions? options = null) =>
        new(stack, id, new StudioSessionMappingProps
        {
            StudioId = studio,
            Identity = StudioIdentity.Group("data-scientists"),
            SessionPolicy = TestStacks.PolicyArn,
            HandlerOptions = options,
        });
}
