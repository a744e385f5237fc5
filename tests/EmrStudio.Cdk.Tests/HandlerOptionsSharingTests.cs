using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.Lambda;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>A stack has one handler: its options apply whichever mapping gives them, and two different sets fail.</summary>
public sealed class HandlerOptionsSharingTests
{
    private static readonly StudioSessionMappingHandlerOptions Debug = new() { MemorySize = 512, LogLevel = ApplicationLogLevel.DEBUG };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void HandlerOptions_OnOneOfTwoMappings_ApplyInEitherOrder(bool optionsFirst)
    {
        var stack = TestStacks.NewStack();
        if (optionsFirst)
        {
            TestStacks.Map(stack, "WithOptions", handlerOptions: Debug);
            TestStacks.Map(stack, "Plain", identity: StudioIdentity.User("someone"));
        }
        else
        {
            TestStacks.Map(stack, "Plain", identity: StudioIdentity.User("someone"));
            TestStacks.Map(stack, "WithOptions", handlerOptions: Debug);
        }

        var template = Template.FromStack(stack);
        template.ResourceCountIs("AWS::Lambda::Function", 1);
        template.HasResourceProperties("AWS::Lambda::Function", new Dictionary<string, object>
        {
            ["MemorySize"] = 512,
            ["LoggingConfig"] = Match.ObjectLike(new Dictionary<string, object> { ["ApplicationLogLevel"] = "DEBUG" }),
        });
    }

    [Fact]
    public void HandlerOptions_EqualButSeparateObjects_AreAccepted()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A", handlerOptions: new StudioSessionMappingHandlerOptions { MemorySize = 512, LogLevel = ApplicationLogLevel.DEBUG });
        TestStacks.Map(stack, "B", identity: StudioIdentity.User("someone"), handlerOptions: new StudioSessionMappingHandlerOptions { MemorySize = 512, LogLevel = ApplicationLogLevel.DEBUG });

        Template.FromStack(stack).ResourceCountIs(Internal.HandlerDefaults.ResourceType, 2);
    }

    [Fact]
    public void HandlerOptions_DifferentOnTwoMappings_FailNamingBothPathsAndTheOption()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "First", handlerOptions: Debug);

        var error = Assert.Throws<StudioSessionMappingValidationException>(() =>
            TestStacks.Map(stack, "Second", identity: StudioIdentity.User("someone"), handlerOptions: new StudioSessionMappingHandlerOptions { MemorySize = 1024, LogLevel = ApplicationLogLevel.DEBUG }));

        Assert.Equal("HandlerOptions", error.ParamName);
        Assert.StartsWith("Test/Second: HandlerOptions ", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Test/First'", error.Message, StringComparison.Ordinal);
        Assert.Contains("MemorySize", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LogLevel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HandlerOptions_DefaultsSpelledOutVersusNone_AreTheSameOptions()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A", handlerOptions: new StudioSessionMappingHandlerOptions());
        TestStacks.Map(stack, "B", identity: StudioIdentity.User("someone"), handlerOptions: new StudioSessionMappingHandlerOptions { MemorySize = 128, LogLevel = ApplicationLogLevel.INFO });

        Template.FromStack(stack).HasResourceProperties("AWS::Lambda::Function", new Dictionary<string, object> { ["MemorySize"] = 128 });
    }

    [Fact]
    public void HandlerOptions_InTwoStacks_ApplyToEachStacksOwnHandler()
    {
        var app = new App();
        var first = TestStacks.NewStack(app, "First");
        var second = TestStacks.NewStack(app, "Second");
        TestStacks.Map(first, "A", handlerOptions: Debug);
        TestStacks.Map(second, "A", handlerOptions: new StudioSessionMappingHandlerOptions { MemorySize = 1024 });

        Template.FromStack(first).HasResourceProperties("AWS::Lambda::Function", new Dictionary<string, object> { ["MemorySize"] = 512 });
        Template.FromStack(second).HasResourceProperties("AWS::Lambda::Function", new Dictionary<string, object> { ["MemorySize"] = 1024 });
    }
}
