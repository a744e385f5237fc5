using Amazon.CDK;
using Amazon.CDK.Assertions;
using EmrStudio.Cdk.Internal;
using Newtonsoft.Json.Linq;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>
/// Every stack's handler gets its record table and reconcile schedule, as template.yaml deploys them, and the options
/// change exactly what they say.
/// </summary>
public sealed class RecordAndReconcileTests
{
    [Fact]
    public void Constructor_Default_DeclaresTheRecordTableAsTheHandlerExpects()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A");

        var table = TestStacks.Single(TestStacks.Json(stack), "AWS::DynamoDB::Table");
        Assert.Equal("Retain", (string?)table["DeletionPolicy"]);
        Assert.Equal("Retain", (string?)table["UpdateReplacePolicy"]);
        Assert.True(JToken.DeepEquals(
            JObject.Parse($$"""
                {
                  "AttributeDefinitions": [{ "AttributeName": "{{HandlerDefaults.RecordTablePartitionKey}}", "AttributeType": "S" }],
                  "BillingMode": "PAY_PER_REQUEST",
                  "KeySchema": [{ "AttributeName": "{{HandlerDefaults.RecordTablePartitionKey}}", "KeyType": "HASH" }],
                  "PointInTimeRecoverySpecification": { "PointInTimeRecoveryEnabled": true },
                  "SSESpecification": { "SSEEnabled": true },
                  "TimeToLiveSpecification": { "AttributeName": "{{HandlerDefaults.RecordTableTimeToLiveAttribute}}", "Enabled": true }
                }
                """),
            table["Properties"]),
            table["Properties"]!.ToString());
    }

    [Fact]
    public void Constructor_Default_SchedulesTheReconcileHourlyWithTheFixedEvent()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A");

        var template = TestStacks.Json(stack);
        var functionId = TestStacks.LogicalId(template, "AWS::Lambda::Function");
        var rule = TestStacks.Single(template, "AWS::Events::Rule")["Properties"]!;
        Assert.Equal(HandlerDefaults.ReconcileSchedule, (string?)rule["ScheduleExpression"]);
        Assert.Equal("ENABLED", (string?)rule["State"]);
        var target = rule["Targets"]!.Single();
        Assert.Equal(HandlerDefaults.ReconcileInput, (string?)target["Input"]);
        Assert.Equal($$"""{"Fn::GetAtt":["{{functionId}}","Arn"]}""", TestStacks.Compact(target["Arn"]!));
        var permission = TestStacks.Single(template, "AWS::Lambda::Permission")["Properties"]!;
        Assert.Equal("lambda:InvokeFunction", (string?)permission["Action"]);
        Assert.Equal("events.amazonaws.com", (string?)permission["Principal"]);
        Assert.Equal($$"""{"Fn::GetAtt":["{{TestStacks.LogicalId(template, "AWS::Events::Rule")}}","Arn"]}""", TestStacks.Compact(permission["SourceArn"]!));
        Assert.Equal($$"""{"Fn::GetAtt":["{{functionId}}","Arn"]}""", TestStacks.Compact(permission["FunctionName"]!));
    }

    [Fact]
    public void ReconcileInterval_Default_IsTheTemplatesDefaultSchedule()
    {
        Assert.Equal(HandlerDefaults.ReconcileSchedule, HandlerOptionsValidation.ReconcileSchedule("Test/A", Duration.Minutes(HandlerDefaults.ReconcileIntervalMinutes)));
    }

    [Theory]
    [InlineData(1, "rate(1 minute)")]
    [InlineData(30, "rate(30 minutes)")]
    [InlineData(90, "rate(90 minutes)")]
    [InlineData(120, "rate(2 hours)")]
    [InlineData(1440, "rate(1 day)")]
    [InlineData(2880, "rate(2 days)")]
    public void ReconcileInterval_WholeMinutes_BecomesTheRate(int minutes, string expected)
    {
        var stack = Configured(new StudioSessionMappingHandlerOptions { ReconcileInterval = Duration.Minutes(minutes) });

        Template.FromStack(stack).HasResourceProperties("AWS::Events::Rule", new Dictionary<string, object> { ["ScheduleExpression"] = expected });
    }

    [Theory]
    [InlineData(30)]
    [InlineData(90)]
    public void ReconcileInterval_NotWholeMinutes_FailsNamingTheOption(int seconds)
    {
        var error = Assert.Throws<StudioSessionMappingValidationException>(() => Configured(new StudioSessionMappingHandlerOptions { ReconcileInterval = Duration.Seconds(seconds) }));

        Assert.Equal($"Test/A: HandlerOptions.ReconcileInterval must be whole minutes, at least one (got {seconds} seconds).", error.Message);
    }

    [Theory]
    [InlineData(ReconcileMode.Repair, "repair")]
    [InlineData(ReconcileMode.Report, "report")]
    public void ReconcileMode_RepairOrReport_KeepsTheScheduleAndSetsTheVariable(ReconcileMode mode, string variable)
    {
        var stack = Configured(new StudioSessionMappingHandlerOptions { ReconcileMode = mode });

        var template = Template.FromStack(stack);
        template.ResourceCountIs("AWS::Events::Rule", 1);
        template.HasResourceProperties("AWS::Lambda::Function", Variables(HandlerDefaults.ReconcileModeVariable, variable));
    }

    [Fact]
    public void ReconcileMode_Off_LeavesNoScheduleAndAReportOnlyVariable()
    {
        var stack = Configured(new StudioSessionMappingHandlerOptions { ReconcileMode = ReconcileMode.Off });

        var template = Template.FromStack(stack);
        template.ResourceCountIs("AWS::Events::Rule", 0);
        template.ResourceCountIs("AWS::Lambda::Permission", 0);
        template.HasResourceProperties("AWS::Lambda::Function", Variables(HandlerDefaults.ReconcileModeVariable, HandlerDefaults.ReconcileModeWithoutSchedule));
    }

    [Fact]
    public void ReconcileMode_OffOnALaterMapping_RemovesTheScheduleTheFirstMappingMade()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A");
        TestStacks.Map(stack, "B", TestStacks.StudioB, handlerOptions: new StudioSessionMappingHandlerOptions { ReconcileMode = ReconcileMode.Off });

        Template.FromStack(stack).ResourceCountIs("AWS::Events::Rule", 0);
    }

    [Fact]
    public void ReconcileMode_DifferentOnTwoMappings_FailsNamingTheOption()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A", handlerOptions: new StudioSessionMappingHandlerOptions { ReconcileMode = ReconcileMode.Report });

        var error = Assert.Throws<StudioSessionMappingValidationException>(() =>
            TestStacks.Map(stack, "B", TestStacks.StudioB, handlerOptions: new StudioSessionMappingHandlerOptions { ReconcileMode = ReconcileMode.Repair }));

        Assert.Contains("(in ReconcileMode)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RemovalPolicy.DESTROY, "Delete")]
    [InlineData(RemovalPolicy.RETAIN, "Retain")]
    public void RecordTableRemovalPolicy_Given_SetsTheTablesPolicies(RemovalPolicy policy, string expected)
    {
        var stack = Configured(new StudioSessionMappingHandlerOptions { RecordTableRemovalPolicy = policy });

        Template.FromStack(stack).HasResource("AWS::DynamoDB::Table", new Dictionary<string, object> { ["DeletionPolicy"] = expected, ["UpdateReplacePolicy"] = expected });
    }

    [Fact]
    public void RecordTableRemovalPolicy_Snapshot_FailsNamingTheOption()
    {
        var error = Assert.Throws<StudioSessionMappingValidationException>(() => Configured(new StudioSessionMappingHandlerOptions { RecordTableRemovalPolicy = RemovalPolicy.SNAPSHOT }));

        Assert.StartsWith("Test/A: HandlerOptions.RecordTableRemovalPolicy cannot be SNAPSHOT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StackStatusRoleName_WithTrustedAccounts_SetsTheVariableAndAllowsThatRoleInThoseAccountsOnly()
    {
        var stack = Configured(new StudioSessionMappingHandlerOptions { TrustedStackAccounts = ["111122223333", "444455556666"], StackStatusRoleName = "StackStatusReader" });

        Template.FromStack(stack).HasResourceProperties("AWS::Lambda::Function", Variables(HandlerDefaults.StackStatusRoleNameVariable, "StackStatusReader"));
        var statement = TestStacks.RoleStatement(stack, "StackStatusRole");
        Assert.Equal("sts:AssumeRole", (string?)statement["Action"]);
        Assert.Equal(
            """[{"Fn::Sub":"arn:${AWS::Partition}:iam::111122223333:role/StackStatusReader"},{"Fn::Sub":"arn:${AWS::Partition}:iam::444455556666:role/StackStatusReader"}]""",
            TestStacks.Compact(statement["Resource"]!));
    }

    [Fact]
    public void StackStatusRoleName_WithoutTrustedAccounts_SetsTheVariableAndAllowsNoRole()
    {
        var stack = Configured(new StudioSessionMappingHandlerOptions { StackStatusRoleName = "StackStatusReader" });

        Template.FromStack(stack).HasResourceProperties("AWS::Lambda::Function", Variables(HandlerDefaults.StackStatusRoleNameVariable, "StackStatusReader"));
        Assert.DoesNotContain(TestStacks.RoleStatements(stack), s => (string?)s["Sid"] == "StackStatusRole");
    }

    [Fact]
    public void StackStatusRoleName_Unset_SetsNoVariable()
    {
        var stack = Configured(new StudioSessionMappingHandlerOptions { TrustedStackAccounts = ["111122223333"] });

        Template.FromStack(stack).HasResourceProperties("AWS::Lambda::Function", Variables(HandlerDefaults.StackStatusRoleNameVariable, Match.Absent()));
        Assert.DoesNotContain(TestStacks.RoleStatements(stack), s => (string?)s["Sid"] == "StackStatusRole");
    }

    [Theory]
    [InlineData("")]
    [InlineData("path/Reader")]
    [InlineData("has space")]
    public void StackStatusRoleName_NotARoleName_FailsNamingTheOption(string name)
    {
        var error = Assert.Throws<StudioSessionMappingValidationException>(() => Configured(new StudioSessionMappingHandlerOptions { StackStatusRoleName = name }));

        Assert.StartsWith("Test/A: HandlerOptions.StackStatusRoleName must be an IAM role name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordStatement_Always_NamesTheStacksTableOnly()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A");

        var statement = TestStacks.RoleStatement(stack, "Record");
        Assert.Equal(HandlerDefaults.RecordActions, statement["Action"]!.Values<string>());
        Assert.Equal($$"""{"Fn::GetAtt":["{{TestStacks.LogicalId(TestStacks.Json(stack), "AWS::DynamoDB::Table")}}","Arn"]}""", TestStacks.Compact(statement["Resource"]!));
    }

    private static Dictionary<string, object> Variables(string name, object value) =>
        new() { ["Environment"] = new Dictionary<string, object> { ["Variables"] = new Dictionary<string, object> { [name] = value } } };

    private static Stack Configured(StudioSessionMappingHandlerOptions options)
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "A", handlerOptions: options);
        return stack;
    }
}
