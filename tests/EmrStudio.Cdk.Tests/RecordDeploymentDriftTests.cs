using System.Text.Json;
using System.Text.Json.Nodes;
using EmrStudio.Cdk.Internal;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>
/// The construct's record table and reconcile schedule against template.yaml's, compared with each other: a setting
/// written on one side only shows up here.
/// </summary>
public sealed class RecordDeploymentDriftTests
{
    private readonly JsonObject _construct;
    private readonly TemplateYaml _template = TemplateYaml.RepositoryTemplate;

    public RecordDeploymentDriftTests()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "Group");
        _construct = JsonNode.Parse(TestStacks.Json(stack).ToString(Newtonsoft.Json.Formatting.None))!.AsObject();
    }

    [Fact]
    public void RecordTable_PropertiesAndPolicies_AreTheSameInBothDeployments()
    {
        var fromConstruct = Single("AWS::DynamoDB::Table");
        var fromTemplate = JsonNode.Parse(_template.Resource(_template.SingleResourceOfType("AWS::DynamoDB::Table")).GetRawText())!.AsObject();

        Assert.Equal(Canonical(fromTemplate["Properties"]), Canonical(fromConstruct["Properties"]));
        Assert.Equal((string?)fromTemplate["DeletionPolicy"], (string?)fromConstruct["DeletionPolicy"]);
        Assert.Equal((string?)fromTemplate["UpdateReplacePolicy"], (string?)fromConstruct["UpdateReplacePolicy"]);
    }

    [Fact]
    public void ReconcileRule_ScheduleStateAndEvent_AreTheSameInBothDeployments()
    {
        var rule = Single("AWS::Events::Rule")["Properties"]!;
        var templateRule = _template.Properties(_template.SingleResourceOfType("AWS::Events::Rule"));
        var defaultSchedule = _template.Root.GetProperty("Parameters").GetProperty(templateRule.GetProperty("ScheduleExpression").GetProperty("Ref").GetString()!).GetProperty("Default").GetString();

        Assert.Equal(defaultSchedule, (string?)rule["ScheduleExpression"]);
        Assert.Equal(templateRule.GetProperty("State").GetString(), (string?)rule["State"]);
        var target = Assert.Single(templateRule.GetProperty("Targets").EnumerateArray());
        Assert.Equal(target.GetProperty("Input").GetString(), (string?)rule["Targets"]![0]!["Input"]);
        Assert.Equal(target.GetProperty("Id").GetString(), (string?)rule["Targets"]![0]!["Id"]);
    }

    [Fact]
    public void ReconcilePermission_PrincipalAndAction_AreTheSameInBothDeployments()
    {
        var permission = Single("AWS::Lambda::Permission")["Properties"]!;
        var templatePermission = _template.Properties(_template.SingleResourceOfType("AWS::Lambda::Permission"));

        Assert.Equal(templatePermission.GetProperty("Principal").GetString(), (string?)permission["Principal"]);
        Assert.Equal(templatePermission.GetProperty("Action").GetString(), (string?)permission["Action"]);
    }

    [Fact]
    public void HandlerVariables_WithDefaultParameters_AreTheSameNamesInBothDeployments()
    {
        var evaluator = new TemplateEvaluator(_template, new Dictionary<string, string>());
        var templateVariables = _template.Properties(_template.SingleResourceOfType("AWS::Lambda::Function")).GetProperty("Environment").GetProperty("Variables")
            .EnumerateObject()
            .Where(v => v.Name == HandlerDefaults.RecordTableVariable || !ReferenceEquals(evaluator.Evaluate(v.Value), TemplateEvaluator.NoValue))
            .Select(v => v.Name);
        var constructVariables = Single("AWS::Lambda::Function")["Properties"]!["Environment"]!["Variables"]!.AsObject().Select(v => v.Key);

        Assert.Equal(templateVariables.Order(StringComparer.Ordinal), constructVariables.Order(StringComparer.Ordinal));
        Assert.Equal(
            evaluator.Evaluate(_template.Properties(_template.SingleResourceOfType("AWS::Lambda::Function")).GetProperty("Environment").GetProperty("Variables").GetProperty(HandlerDefaults.ReconcileModeVariable)),
            (string?)Single("AWS::Lambda::Function")["Properties"]!["Environment"]!["Variables"]![HandlerDefaults.ReconcileModeVariable]);
    }

    private JsonObject Single(string type) =>
        _construct["Resources"]!.AsObject().Single(r => (string?)r.Value!["Type"] == type).Value!.AsObject();

    /// <summary>Keys sorted at every level: the two sides write the same properties in their own orders.</summary>
    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
