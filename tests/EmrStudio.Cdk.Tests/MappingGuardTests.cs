using Amazon.CDK;
using Amazon.CDK.Assertions;
using EmrStudio.Cdk.Internal;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>Synth-time guards for what would fail the deployment: a principal mapped twice, a studio the role may not touch.</summary>
public sealed class MappingGuardTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Constructor_SamePrincipalTwiceInOneStudio_FailsNamingBothPaths(bool byId)
    {
        var stack = TestStacks.NewStack();
        var identity = byId ? StudioIdentity.GroupId("0123abcd-4567-89ab-cdef-0123456789ab") : StudioIdentity.Group("data-scientists");
        TestStacks.Map(stack, "First", identity: identity);

        var error = Assert.Throws<StudioSessionMappingValidationException>(() => TestStacks.Map(stack, "Second", identity: identity));

        Assert.Equal("Identity", error.ParamName);
        Assert.StartsWith("Test/Second: Identity ", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Test/First'", error.Message, StringComparison.Ordinal);
        Assert.Contains(TestStacks.StudioA, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_SamePrincipalInNestedScopes_FailsNamingBothPaths()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "First");

        var error = Assert.Throws<StudioSessionMappingValidationException>(() => new StudioSessionMapping(new Constructs.Construct(stack, "Team"), "Again", new StudioSessionMappingProps
        {
            StudioId = TestStacks.StudioA,
            Identity = StudioIdentity.Group("data-scientists"),
            SessionPolicy = TestStacks.PolicyArn,
        }));

        Assert.StartsWith("Test/Team/Again: Identity ", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Test/First'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestStacks.StudioB, "GROUP", "data-scientists")]
    [InlineData(TestStacks.StudioA, "USER", "data-scientists")]
    [InlineData(TestStacks.StudioA, "GROUP", "analysts")]
    public void Constructor_DifferentStudioTypeOrPrincipal_IsAccepted(string studioId, string type, string name)
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "First");

        TestStacks.Map(stack, "Second", studioId, type == "USER" ? StudioIdentity.User(name) : StudioIdentity.Group(name));

        Template.FromStack(stack).ResourceCountIs(HandlerDefaults.ResourceType, 2);
    }

    [Fact]
    public void Constructor_SamePrincipalOnATokenStudioTwice_IsLeftToTheDeployment()
    {
        var stack = TestStacks.NewStack();
        var studio = new CfnParameter(stack, "Studio").ValueAsString;
        TestStacks.Map(stack, "First", studio);
        TestStacks.Map(stack, "Second", studio);

        Template.FromStack(stack).ResourceCountIs(HandlerDefaults.ResourceType, 2);
    }

    [Fact]
    public void Constructor_SamePrincipalInTwoStacks_IsAccepted()
    {
        var app = new App();
        TestStacks.Map(TestStacks.NewStack(app, "First"), "A");
        TestStacks.Map(TestStacks.NewStack(app, "Second"), "A");

        Assert.Equal(2, app.Synth().Stacks.Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Constructor_StudioOutsideHandlerOptionsStudios_FailsInEitherOrderNamingBothPaths(bool optionsFirst)
    {
        var stack = TestStacks.NewStack();
        var options = new StudioSessionMappingHandlerOptions { Studios = [TestStacks.StudioA] };
        void MapWithOptions() => TestStacks.Map(stack, "Scoped", TestStacks.StudioA, handlerOptions: options);
        void MapOutside() => TestStacks.Map(stack, "Outside", TestStacks.StudioB);

        ArgumentException error;
        if (optionsFirst)
        {
            MapWithOptions();
            error = Assert.Throws<StudioSessionMappingValidationException>(MapOutside);
        }
        else
        {
            MapOutside();
            error = Assert.Throws<StudioSessionMappingValidationException>(MapWithOptions);
        }

        Assert.Equal("StudioId", error.ParamName);
        Assert.StartsWith("Test/Outside: StudioId ", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Test/Scoped'", error.Message, StringComparison.Ordinal);
        Assert.Contains(TestStacks.StudioB, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_StudiosWithAToken_LeaveLiteralStudiosToTheDeployment()
    {
        var stack = TestStacks.NewStack();
        var tokenStudio = new CfnParameter(stack, "Studio").ValueAsString;
        TestStacks.Map(stack, "Scoped", TestStacks.StudioA, handlerOptions: new StudioSessionMappingHandlerOptions { Studios = [TestStacks.StudioA, tokenStudio] });

        TestStacks.Map(stack, "Other", TestStacks.StudioB);

        Template.FromStack(stack).ResourceCountIs(HandlerDefaults.ResourceType, 2);
    }
}
