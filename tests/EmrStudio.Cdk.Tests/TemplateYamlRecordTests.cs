using System.Text.Json.Nodes;
using EmrStudio.Cdk.Internal;
using EmrStudio.Cdk.Tests.Templates;
using EmrStudio.CodePublisher.Code;
using EmrStudio.Testing;
using EmrStudio.Testing.Stacks.Templates;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>
/// Both raw templates deploy the record table, the reconcile schedule and the stack status role's permission as the
/// handler expects them (<see cref="HandlerDefaults"/>), for every combination of their parameters.
/// </summary>
[Trait(TestTier.Name, TestTier.Full)]
public sealed class TemplateYamlRecordTests
{
    private const string StackSetFile = "template.stackset.yaml";

    public static TheoryData<string> Files => ["template.yaml", StackSetFile];

    [Theory]
    [MemberData(nameof(Files))]
    public void RecordTable_Properties_AreWhatTheHandlerExpects(string file)
    {
        var template = Template(file);
        var table = template.Resource(template.SingleLogicalIdOfType("AWS::DynamoDB::Table"));
        var properties = table["Properties"]!.AsObject();

        Assert.Equal("Retain", Text(table["DeletionPolicy"]));
        Assert.Equal("Retain", Text(table["UpdateReplacePolicy"]));
        Assert.Equal("PAY_PER_REQUEST", Text(properties["BillingMode"]));
        var key = Assert.Single(properties["KeySchema"]!.AsArray())!;
        Assert.Equal(HandlerDefaults.RecordTablePartitionKey, Text(key["AttributeName"]));
        Assert.Equal("HASH", Text(key["KeyType"]));
        var attribute = Assert.Single(properties["AttributeDefinitions"]!.AsArray())!;
        Assert.Equal(HandlerDefaults.RecordTablePartitionKey, Text(attribute["AttributeName"]));
        Assert.Equal("S", Text(attribute["AttributeType"]));
        Assert.True(properties["PointInTimeRecoverySpecification"]!["PointInTimeRecoveryEnabled"]!.GetValue<bool>());
        Assert.True(properties["SSESpecification"]!["SSEEnabled"]!.GetValue<bool>());
        Assert.Equal(HandlerDefaults.RecordTableTimeToLiveAttribute, Text(properties["TimeToLiveSpecification"]!["AttributeName"]));
        Assert.True(properties["TimeToLiveSpecification"]!["Enabled"]!.GetValue<bool>());
        Assert.False(properties.ContainsKey("TableName"), "A named table could not be replaced, nor deployed twice in one account and region.");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Handler_RecordTableVariable_IsTheTablesName(string file)
    {
        var template = Template(file);

        Assert.Equal(template.SingleLogicalIdOfType("AWS::DynamoDB::Table"), Text(Variable(template, HandlerDefaults.RecordTableVariable)!["Ref"]));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void RoleRecordStatement_GrantsTheRecordActionsOnTheTableOnly(string file)
    {
        var template = Template(file);
        var statement = Statement(template, "Record");

        Assert.Equal(HandlerDefaults.RecordActions.Order(StringComparer.Ordinal), PolicyDocuments.Actions(statement));
        AssertGetAtt(statement["Resource"], template.SingleLogicalIdOfType("AWS::DynamoDB::Table"), "Arn");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void RoleStudioListingStatement_GrantsTheListActionsOnAnyResource(string file)
    {
        var statement = Statement(Template(file), "StudioListing");

        Assert.Equal(HandlerDefaults.StudioListActions.Order(StringComparer.Ordinal), PolicyDocuments.Actions(statement));
        Assert.Equal("*", Text(statement["Resource"]));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parameters_ReconcileDefaults_MatchHandlerDefaults(string file)
    {
        var parameters = Template(file).Section("Parameters");

        Assert.Equal(HandlerDefaults.ReconcileSchedule, Text(parameters["ReconcileSchedule"]!["Default"]));
        Assert.Equal(HandlerDefaults.ReconcileMode, Text(parameters["ReconcileMode"]!["Default"]));
        Assert.Equal(["repair", "report", "off"], parameters["ReconcileMode"]!["AllowedValues"]!.AsArray().Select(Text));
    }

    [Theory]
    [InlineData("template.yaml", "repair", true, "repair")]
    [InlineData("template.yaml", "report", true, "report")]
    [InlineData("template.yaml", "off", false, HandlerDefaults.ReconcileModeWithoutSchedule)]
    [InlineData(StackSetFile, "repair", true, "repair")]
    [InlineData(StackSetFile, "off", false, HandlerDefaults.ReconcileModeWithoutSchedule)]
    public void ReconcileMode_Given_DecidesTheScheduleAndTheModeVariable(string file, string mode, bool scheduled, string variable)
    {
        var template = Template(file);
        var resolver = template.ResolverBeforeDeployment(Parameters(file, ("ReconcileMode", mode)));

        Assert.Equal(scheduled, resolver.IsIncluded(template.Resource(template.SingleLogicalIdOfType("AWS::Events::Rule"))));
        Assert.Equal(scheduled, resolver.IsIncluded(template.Resource(template.SingleLogicalIdOfType("AWS::Lambda::Permission"))));
        Assert.Equal(variable, Text(resolver.Resolve(Variable(template, HandlerDefaults.ReconcileModeVariable))));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ReconcileRule_TargetsTheHandlerWithTheFixedEventOnTheSchedule(string file)
    {
        var template = Template(file);
        var rule = template.Properties(template.SingleLogicalIdOfType("AWS::Events::Rule"));
        var target = Assert.Single(rule["Targets"]!.AsArray())!;

        Assert.Equal("ReconcileSchedule", Text(rule["ScheduleExpression"]!["Ref"]));
        Assert.Equal("ENABLED", Text(rule["State"]));
        AssertGetAtt(target["Arn"], template.SingleLogicalIdOfType("AWS::Lambda::Function"), "Arn");
        Assert.Equal(HandlerDefaults.ReconcileInput, Text(target["Input"]));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ReconcilePermission_AllowsEventBridgeFromTheRuleOnly(string file)
    {
        var template = Template(file);
        var permission = template.Properties(template.SingleLogicalIdOfType("AWS::Lambda::Permission"));

        Assert.Equal("lambda:InvokeFunction", Text(permission["Action"]));
        Assert.Equal("events.amazonaws.com", Text(permission["Principal"]));
        AssertGetAtt(permission["SourceArn"], template.SingleLogicalIdOfType("AWS::Events::Rule"), "Arn");
        AssertGetAtt(permission["FunctionName"], template.SingleLogicalIdOfType("AWS::Lambda::Function"), "Arn");
    }

    [Theory]
    [InlineData("", "", false, false)]
    [InlineData("StackStatusReader", "", true, false)]
    [InlineData("", "111122223333", false, false)]
    [InlineData("StackStatusReader", "111122223333", true, true)]
    public void StackStatusRoleName_GivenOrNot_SetsTheVariableAndThePolicy(string roleName, string accounts, bool variable, bool policy)
    {
        var template = RepositoryTemplates.TemplateYaml;
        var resolver = template.ResolverBeforeDeployment(new Dictionary<string, string> { ["StackStatusRoleName"] = roleName, ["TrustedStackAccounts"] = accounts });

        Assert.Equal(variable ? roleName : null, Text(resolver.Resolve(Variable(template, HandlerDefaults.StackStatusRoleNameVariable))));
        Assert.Equal(policy, resolver.IsIncluded(template.Resource(template.SingleLogicalIdOfType("AWS::IAM::Policy"))));
    }

    [Fact]
    public void StackStatusRolePolicy_TrustedAccounts_AllowAssumingTheNamedRoleInThoseAccountsOnly()
    {
        var resources = AssumableRoles("111122223333, 444455556666");

        Assert.Equal(["arn:aws:iam::111122223333:role/StackStatusReader", "arn:aws:iam::444455556666:role/StackStatusReader"], resources);
    }

    [Fact]
    public void StackStatusRolePolicy_TenAccounts_AreEachAllowed()
    {
        var accounts = Enumerable.Range(0, 10).Select(i => $"1111222233{i:00}").ToList();

        Assert.Equal(accounts.Select(a => $"arn:aws:iam::{a}:role/StackStatusReader"), AssumableRoles(string.Join(",", accounts)));
    }

    [Fact]
    public void StackStatusRolePolicy_ElevenAccounts_EndWithAnArnIamRejects()
    {
        var resources = AssumableRoles(string.Join(",", Enumerable.Range(0, 11).Select(i => $"1111222233{i:00}")));

        Assert.Equal(11, resources.Count);
        Assert.Contains("more-than-10-entries", resources[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void StackStatusRolePolicy_Statement_GrantsTheStackStatusRoleActions()
    {
        var template = RepositoryTemplates.TemplateYaml;
        var policy = template.Properties(template.SingleLogicalIdOfType("AWS::IAM::Policy"));
        var statement = Assert.Single(PolicyDocuments.AsList(policy["PolicyDocument"]!["Statement"]))!.AsObject();

        Assert.Equal(HandlerDefaults.StackStatusRoleActions.Order(StringComparer.Ordinal), PolicyDocuments.Actions(statement));
        Assert.Equal(template.SingleLogicalIdOfType("AWS::IAM::Role"), Text(Assert.Single(policy["Roles"]!.AsArray())!["Ref"]));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Outputs_RecordTableName_IsTheTable(string file)
    {
        var template = Template(file);

        Assert.Equal(template.SingleLogicalIdOfType("AWS::DynamoDB::Table"), Text(template.Section("Outputs")["RecordTableName"]!["Value"]!["Ref"]));
    }

    private static CloudFormationTemplate Template(string file) => file == StackSetFile ? RepositoryTemplates.StackSetYaml : RepositoryTemplates.TemplateYaml;

    /// <summary>Parameter values for <paramref name="file"/>: the StackSet's code parameters have no default.</summary>
    private static Dictionary<string, string> Parameters(string file, params (string Name, string Value)[] given)
    {
        var parameters = given.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        if (file == StackSetFile)
        {
            parameters["CodeBucketPrefix"] = "example-org-code";
            parameters["CodeKey"] = CodeKey.ForBootstrapSha256(new string('0', 64));
        }

        return parameters;
    }

    private static List<string> AssumableRoles(string accounts)
    {
        var template = RepositoryTemplates.TemplateYaml;
        var resolver = template.ResolverBeforeDeployment(new Dictionary<string, string> { ["StackStatusRoleName"] = "StackStatusReader", ["TrustedStackAccounts"] = accounts });
        var policy = template.Properties(template.SingleLogicalIdOfType("AWS::IAM::Policy"));
        var statement = Assert.Single(PolicyDocuments.AsList(policy["PolicyDocument"]!["Statement"]))!;
        return [.. PolicyDocuments.AsList(resolver.Resolve(statement["Resource"])).Select(r => r!.GetValue<string>())];
    }

    private static JsonNode? Variable(CloudFormationTemplate template, string name) =>
        template.Properties(template.SingleLogicalIdOfType("AWS::Lambda::Function"))["Environment"]!["Variables"]![name];

    private static JsonObject Statement(CloudFormationTemplate template, string sid) =>
        Assert.Single(PolicyDocuments.InlineStatements(template.Properties(template.SingleLogicalIdOfType("AWS::IAM::Role"))), s => PolicyDocuments.Sid(s) == sid);

    private static string? Text(JsonNode? node) => node?.GetValue<string>();

    private static void AssertGetAtt(JsonNode? value, string logicalId, string attribute) =>
        Assert.Equal([logicalId, attribute], value!["Fn::GetAtt"]!.AsArray().Select(Text));
}
