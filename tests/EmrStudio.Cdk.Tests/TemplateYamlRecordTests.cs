using System.Text.Json;
using EmrStudio.Cdk.Internal;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>
/// Both raw templates deploy the record table, the reconcile schedule and the stack status role's permission as the
/// handler expects them (<see cref="HandlerDefaults"/>), for every combination of their parameters.
/// </summary>
public sealed class TemplateYamlRecordTests
{
    private static readonly Dictionary<string, Lazy<TemplateYaml>> Templates = new(StringComparer.Ordinal)
    {
        ["template.yaml"] = new(() => TemplateYaml.RepositoryTemplate),
        ["template.stackset.yaml"] = new(() => TemplateYaml.Load(TemplateYaml.FindRepositoryFile("template.stackset.yaml"))),
    };

    public static TheoryData<string> Files => [.. Templates.Keys];

    [Theory]
    [MemberData(nameof(Files))]
    public void RecordTable_Properties_AreWhatTheHandlerExpects(string file)
    {
        var template = Templates[file].Value;
        var table = template.Resource(template.SingleResourceOfType("AWS::DynamoDB::Table"));
        var properties = table.GetProperty("Properties");

        Assert.Equal("Retain", table.GetProperty("DeletionPolicy").GetString());
        Assert.Equal("Retain", table.GetProperty("UpdateReplacePolicy").GetString());
        Assert.Equal("PAY_PER_REQUEST", properties.GetProperty("BillingMode").GetString());
        var key = Assert.Single(properties.GetProperty("KeySchema").EnumerateArray());
        Assert.Equal(HandlerDefaults.RecordTablePartitionKey, key.GetProperty("AttributeName").GetString());
        Assert.Equal("HASH", key.GetProperty("KeyType").GetString());
        var attribute = Assert.Single(properties.GetProperty("AttributeDefinitions").EnumerateArray());
        Assert.Equal(HandlerDefaults.RecordTablePartitionKey, attribute.GetProperty("AttributeName").GetString());
        Assert.Equal("S", attribute.GetProperty("AttributeType").GetString());
        Assert.True(properties.GetProperty("PointInTimeRecoverySpecification").GetProperty("PointInTimeRecoveryEnabled").GetBoolean());
        Assert.True(properties.GetProperty("SSESpecification").GetProperty("SSEEnabled").GetBoolean());
        Assert.Equal(HandlerDefaults.RecordTableTimeToLiveAttribute, properties.GetProperty("TimeToLiveSpecification").GetProperty("AttributeName").GetString());
        Assert.True(properties.GetProperty("TimeToLiveSpecification").GetProperty("Enabled").GetBoolean());
        Assert.False(properties.TryGetProperty("TableName", out _), "A named table could not be replaced, nor deployed twice in one account and region.");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Handler_RecordTableVariable_IsTheTablesName(string file)
    {
        var template = Templates[file].Value;

        Assert.Equal(template.SingleResourceOfType("AWS::DynamoDB::Table"), Variable(template, HandlerDefaults.RecordTableVariable).GetProperty("Ref").GetString());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void RoleRecordStatement_GrantsTheRecordActionsOnTheTableOnly(string file)
    {
        var template = Templates[file].Value;
        var statement = Statement(template, "Record");

        Assert.Equal(HandlerDefaults.RecordActions.Order(StringComparer.Ordinal), Actions(statement));
        Assert.Equal([template.SingleResourceOfType("AWS::DynamoDB::Table"), "Arn"], statement.GetProperty("Resource").GetProperty("Fn::GetAtt").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void RoleStudioListingStatement_GrantsTheListActionsOnAnyResource(string file)
    {
        var statement = Statement(Templates[file].Value, "StudioListing");

        Assert.Equal(HandlerDefaults.StudioListActions.Order(StringComparer.Ordinal), Actions(statement));
        Assert.Equal("*", statement.GetProperty("Resource").GetString());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parameters_ReconcileDefaults_MatchHandlerDefaults(string file)
    {
        var parameters = Templates[file].Value.Root.GetProperty("Parameters");

        Assert.Equal(HandlerDefaults.ReconcileSchedule, parameters.GetProperty("ReconcileSchedule").GetProperty("Default").GetString());
        Assert.Equal(HandlerDefaults.ReconcileMode, parameters.GetProperty("ReconcileMode").GetProperty("Default").GetString());
        Assert.Equal(["repair", "report", "off"], parameters.GetProperty("ReconcileMode").GetProperty("AllowedValues").EnumerateArray().Select(v => v.GetString()));
    }

    [Theory]
    [InlineData("template.yaml", "repair", true, "repair")]
    [InlineData("template.yaml", "report", true, "report")]
    [InlineData("template.yaml", "off", false, HandlerDefaults.ReconcileModeWithoutSchedule)]
    [InlineData("template.stackset.yaml", "repair", true, "repair")]
    [InlineData("template.stackset.yaml", "off", false, HandlerDefaults.ReconcileModeWithoutSchedule)]
    public void ReconcileMode_Given_DecidesTheScheduleAndTheModeVariable(string file, string mode, bool scheduled, string variable)
    {
        var template = Templates[file].Value;
        var evaluator = new TemplateEvaluator(template, Parameters(file, ("ReconcileMode", mode)));
        var rule = template.Resource(template.SingleResourceOfType("AWS::Events::Rule"));
        var permission = template.Resource(template.SingleResourceOfType("AWS::Lambda::Permission"));

        Assert.Equal(scheduled, evaluator.Condition(rule.GetProperty("Condition").GetString()!));
        Assert.Equal(scheduled, evaluator.Condition(permission.GetProperty("Condition").GetString()!));
        Assert.Equal(variable, evaluator.Evaluate(Variable(template, HandlerDefaults.ReconcileModeVariable)));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ReconcileRule_TargetsTheHandlerWithTheFixedEventOnTheSchedule(string file)
    {
        var template = Templates[file].Value;
        var handler = template.SingleResourceOfType("AWS::Lambda::Function");
        var rule = template.Properties(template.SingleResourceOfType("AWS::Events::Rule"));
        var target = Assert.Single(rule.GetProperty("Targets").EnumerateArray());

        Assert.Equal("ReconcileSchedule", rule.GetProperty("ScheduleExpression").GetProperty("Ref").GetString());
        Assert.Equal("ENABLED", rule.GetProperty("State").GetString());
        Assert.Equal([handler, "Arn"], target.GetProperty("Arn").GetProperty("Fn::GetAtt").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HandlerDefaults.ReconcileInput, target.GetProperty("Input").GetString());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ReconcilePermission_AllowsEventBridgeFromTheRuleOnly(string file)
    {
        var template = Templates[file].Value;
        var permission = template.Properties(template.SingleResourceOfType("AWS::Lambda::Permission"));

        Assert.Equal("lambda:InvokeFunction", permission.GetProperty("Action").GetString());
        Assert.Equal("events.amazonaws.com", permission.GetProperty("Principal").GetString());
        Assert.Equal([template.SingleResourceOfType("AWS::Events::Rule"), "Arn"], permission.GetProperty("SourceArn").GetProperty("Fn::GetAtt").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([template.SingleResourceOfType("AWS::Lambda::Function"), "Arn"], permission.GetProperty("FunctionName").GetProperty("Fn::GetAtt").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("", "", false, false)]
    [InlineData("StackStatusReader", "", true, false)]
    [InlineData("", "111122223333", false, false)]
    [InlineData("StackStatusReader", "111122223333", true, true)]
    public void StackStatusRoleName_GivenOrNot_SetsTheVariableAndThePolicy(string roleName, string accounts, bool variable, bool policy)
    {
        var template = TemplateYaml.RepositoryTemplate;
        var evaluator = new TemplateEvaluator(template, new Dictionary<string, string> { ["StackStatusRoleName"] = roleName, ["TrustedStackAccounts"] = accounts });
        var value = evaluator.Evaluate(Variable(template, HandlerDefaults.StackStatusRoleNameVariable));

        Assert.Equal(variable, !ReferenceEquals(value, TemplateEvaluator.NoValue));
        Assert.Equal(policy, evaluator.Condition(template.Resource(template.SingleResourceOfType("AWS::IAM::Policy")).GetProperty("Condition").GetString()!));
        if (variable)
        {
            Assert.Equal(roleName, value);
        }
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
        var template = TemplateYaml.RepositoryTemplate;
        var statement = Assert.Single(TemplateYaml.AsArray(template.Properties(template.SingleResourceOfType("AWS::IAM::Policy")).GetProperty("PolicyDocument").GetProperty("Statement")));

        Assert.Equal(HandlerDefaults.StackStatusRoleActions.Order(StringComparer.Ordinal), Actions(statement));
        Assert.Equal(template.SingleResourceOfType("AWS::IAM::Role"), Assert.Single(template.Properties(template.SingleResourceOfType("AWS::IAM::Policy")).GetProperty("Roles").EnumerateArray()).GetProperty("Ref").GetString());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Outputs_RecordTableName_IsTheTable(string file)
    {
        var template = Templates[file].Value;

        Assert.Equal(template.SingleResourceOfType("AWS::DynamoDB::Table"), template.Root.GetProperty("Outputs").GetProperty("RecordTableName").GetProperty("Value").GetProperty("Ref").GetString());
    }

    /// <summary>Parameter values for <paramref name="file"/>: the StackSet's code parameters have no default.</summary>
    private static Dictionary<string, string> Parameters(string file, params (string Name, string Value)[] given)
    {
        var parameters = given.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        if (file == "template.stackset.yaml")
        {
            parameters["CodeBucketPrefix"] = "example-org-code";
            parameters["CodeKey"] = CodeKey.ForBootstrapSha256(new string('0', 64));
        }

        return parameters;
    }

    private static List<string?> AssumableRoles(string accounts)
    {
        var template = TemplateYaml.RepositoryTemplate;
        var evaluator = new TemplateEvaluator(template, new Dictionary<string, string> { ["StackStatusRoleName"] = "StackStatusReader", ["TrustedStackAccounts"] = accounts });
        var statement = Assert.Single(TemplateYaml.AsArray(template.Properties(template.SingleResourceOfType("AWS::IAM::Policy")).GetProperty("PolicyDocument").GetProperty("Statement")));
        return [.. Assert.IsType<List<object?>>(evaluator.Evaluate(statement.GetProperty("Resource"))).Select(r => Assert.IsType<string>(r))];
    }

    private static JsonElement Variable(TemplateYaml template, string name) =>
        template.Properties(template.SingleResourceOfType("AWS::Lambda::Function")).GetProperty("Environment").GetProperty("Variables").GetProperty(name);

    private static JsonElement Statement(TemplateYaml template, string sid) =>
        Assert.Single(template.RoleStatements(template.SingleResourceOfType("AWS::IAM::Role")), s => s.GetProperty("Sid").GetString() == sid);

    private static List<string?> Actions(JsonElement statement) =>
        [.. TemplateYaml.AsArray(statement.GetProperty("Action")).Select(a => a.GetString()).Order(StringComparer.Ordinal)];
}
