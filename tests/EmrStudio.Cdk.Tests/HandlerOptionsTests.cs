using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using EmrStudio.Cdk.Internal;
using Newtonsoft.Json.Linq;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>What each handler option changes in the template, and nothing when it is unset.</summary>
public sealed class HandlerOptionsTests
{
    private static readonly string[] Subnets = ["subnet-1", "subnet-2"];
    private static readonly string[] SecurityGroupIds = ["sg-1"];

    [Fact]
    public void HandlerOptions_MemorySize_SetsTheFunctionsMemory()
    {
        var stack = Configured(new StudioSessionMappingHandlerOptions { MemorySize = 256 });

        Template.FromStack(stack).HasResourceProperties("AWS::Lambda::Function", new Dictionary<string, object> { ["MemorySize"] = 256 });
    }

    [Theory]
    [InlineData(RetentionDays.ONE_WEEK, 7)]
    [InlineData(RetentionDays.THIRTEEN_MONTHS, 400)]
    [InlineData(RetentionDays.TEN_YEARS, 3653)]
    public void HandlerOptions_LogRetention_SetsTheLogGroupsRetentionInDays(RetentionDays retention, int days)
    {
        var stack = Configured(new StudioSessionMappingHandlerOptions { LogRetention = retention });

        Template.FromStack(stack).HasResourceProperties("AWS::Logs::LogGroup", new Dictionary<string, object> { ["RetentionInDays"] = days });
    }

    [Fact]
    public void HandlerOptions_LogRetentionInfinite_OmitsRetentionInDays()
    {
        var stack = Configured(new StudioSessionMappingHandlerOptions { LogRetention = RetentionDays.INFINITE });

        Template.FromStack(stack).HasResourceProperties("AWS::Logs::LogGroup", new Dictionary<string, object> { ["RetentionInDays"] = Match.Absent() });
    }

    [Fact]
    public void HandlerOptions_LogRemovalPolicyRetain_RetainsTheLogGroup()
    {
        var stack = Configured(new StudioSessionMappingHandlerOptions { LogRemovalPolicy = RemovalPolicy.RETAIN });

        Template.FromStack(stack).HasResource("AWS::Logs::LogGroup", new Dictionary<string, object> { ["DeletionPolicy"] = "Retain", ["UpdateReplacePolicy"] = "Retain" });
    }

    [Fact]
    public void HandlerOptions_Unset_DeletesTheLogGroupWithTheStack()
    {
        var stack = Configured(new StudioSessionMappingHandlerOptions());

        Template.FromStack(stack).HasResource("AWS::Logs::LogGroup", new Dictionary<string, object> { ["DeletionPolicy"] = "Delete", ["UpdateReplacePolicy"] = "Delete" });
    }

    [Fact]
    public void HandlerOptions_LogLevel_SetsTheApplicationLogLevelOnly()
    {
        var stack = Configured(new StudioSessionMappingHandlerOptions { LogLevel = ApplicationLogLevel.DEBUG });

        Template.FromStack(stack).HasResourceProperties("AWS::Lambda::Function", new Dictionary<string, object>
        {
            ["LoggingConfig"] = Match.ObjectLike(new Dictionary<string, object> { ["ApplicationLogLevel"] = "DEBUG", ["SystemLogLevel"] = "WARN", ["LogFormat"] = "JSON" }),
        });
    }

    [Fact]
    public void HandlerOptions_PermissionsBoundaryAndRolePath_SetThemOnTheRole()
    {
        var stack = TestStacks.NewStack();
        var boundary = ManagedPolicy.FromManagedPolicyArn(stack, "Boundary", "arn:aws:iam::123456789012:policy/DeveloperBoundary");
        TestStacks.Map(stack, "A", handlerOptions: new StudioSessionMappingHandlerOptions { PermissionsBoundary = boundary, RolePath = "/emr-studio/" });

        Template.FromStack(stack).HasResourceProperties("AWS::IAM::Role", new Dictionary<string, object>
        {
            ["PermissionsBoundary"] = "arn:aws:iam::123456789012:policy/DeveloperBoundary",
            ["Path"] = "/emr-studio/",
        });
    }

    [Fact]
    public void HandlerOptions_Unset_LeavesRoleWithoutBoundaryOrPath()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A");

        Template.FromStack(stack).HasResourceProperties("AWS::IAM::Role", new Dictionary<string, object>
        {
            ["PermissionsBoundary"] = Match.Absent(),
            ["Path"] = Match.Absent(),
        });
    }

    [Theory]
    [InlineData("AWS::Lambda::Function")]
    [InlineData("AWS::IAM::Role")]
    [InlineData("AWS::Logs::LogGroup")]
    public void HandlerOptions_Tags_TagTheHandlersResources(string type)
    {
        var stack = Configured(new StudioSessionMappingHandlerOptions { Tags = new Dictionary<string, string> { ["team"] = "data-platform" } });

        Template.FromStack(stack).HasResourceProperties(type, new Dictionary<string, object>
        {
            ["Tags"] = Match.ArrayWith([new Dictionary<string, object> { ["Key"] = "team", ["Value"] = "data-platform" }]),
        });
    }

    [Fact]
    public void HandlerOptions_Tags_DoNotTagTheMappings()
    {
        var stack = Configured(new StudioSessionMappingHandlerOptions { Tags = new Dictionary<string, string> { ["team"] = "data-platform" } });

        Template.FromStack(stack).HasResourceProperties(HandlerDefaults.ResourceType, new Dictionary<string, object> { ["Tags"] = Match.Absent() });
    }

    [Fact]
    public void HandlerOptions_Vpc_AttachesTheFunctionAndGrantsTheNetworkInterfaceActionsInline()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A", handlerOptions: new StudioSessionMappingHandlerOptions
        {
            VpcSubnets = [Subnet.FromSubnetId(stack, "S1", "subnet-1"), Subnet.FromSubnetId(stack, "S2", "subnet-2")],
            SecurityGroups = [SecurityGroup.FromSecurityGroupId(stack, "Sg", "sg-1")],
        });

        var template = Template.FromStack(stack);
        template.HasResourceProperties("AWS::Lambda::Function", new Dictionary<string, object>
        {
            ["VpcConfig"] = new Dictionary<string, object> { ["SubnetIds"] = Subnets, ["SecurityGroupIds"] = SecurityGroupIds },
        });
        var statement = TestStacks.RoleStatement(stack, "VpcNetworkInterfaces");
        Assert.Equal(HandlerDefaults.VpcNetworkInterfaceActions, statement["Action"]!.Values<string>());
        Assert.Equal("*", (string?)statement["Resource"]);
        template.ResourceCountIs("AWS::IAM::ManagedPolicy", 0);
        template.HasResourceProperties("AWS::IAM::Role", new Dictionary<string, object> { ["ManagedPolicyArns"] = Match.Absent() });
    }

    [Fact]
    public void HandlerOptions_NoVpc_GrantsNoNetworkInterfaceActions()
    {
        var stack = Configured(new StudioSessionMappingHandlerOptions { MemorySize = 256 });

        Assert.DoesNotContain(TestStacks.RoleStatements(stack), s => (string?)s["Sid"] == "VpcNetworkInterfaces");
    }

    [Fact]
    public void HandlerOptions_Studios_LimitTheEmrStatementToThem()
    {
        var stack = TestStacks.NewStack();
        var studio = new CfnParameter(stack, "Studio");
        TestStacks.Map(stack, "A", handlerOptions: new StudioSessionMappingHandlerOptions { Studios = [TestStacks.StudioA, TestStacks.StudioB, studio.ValueAsString] });

        var resources = TestStacks.RoleStatement(stack, "StudioSessionMappings")["Resource"]!;

        Assert.Equal(
            new JArray(
                new JObject { ["Fn::Sub"] = "arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:studio/" + TestStacks.StudioA },
                new JObject { ["Fn::Sub"] = "arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:studio/" + TestStacks.StudioB },
                new JObject
                {
                    ["Fn::Sub"] = new JArray(
                        "arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:studio/${StudioId}",
                        new JObject { ["StudioId"] = new JObject { ["Ref"] = "Studio" } }),
                }).ToString(),
            resources.ToString());
    }

    [Fact]
    public void HandlerOptions_TrustedStackAccounts_SetTheVariableCommaSeparated()
    {
        var stack = Configured(new StudioSessionMappingHandlerOptions { TrustedStackAccounts = ["111122223333", "444455556666"] });

        Template.FromStack(stack).HasResourceProperties("AWS::Lambda::Function", new Dictionary<string, object>
        {
            ["Environment"] = new Dictionary<string, object>
            {
                ["Variables"] = new Dictionary<string, object> { [HandlerDefaults.TrustedStackAccountsVariable] = "111122223333,444455556666" },
            },
        });
    }

    [Fact]
    public void HandlerOptions_NoTrustedStackAccounts_SetsNoVariable()
    {
        var stack = Configured(new StudioSessionMappingHandlerOptions { TrustedStackAccounts = [] });

        Template.FromStack(stack).HasResourceProperties("AWS::Lambda::Function", new Dictionary<string, object>
        {
            ["Environment"] = new Dictionary<string, object> { ["Variables"] = new Dictionary<string, object> { [HandlerDefaults.TrustedStackAccountsVariable] = Match.Absent() } },
        });
    }

    private static Stack Configured(StudioSessionMappingHandlerOptions options)
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A", handlerOptions: options);
        return stack;
    }
}
