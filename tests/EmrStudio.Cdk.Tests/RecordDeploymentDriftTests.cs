using System.Text.Json;
using System.Text.Json.Nodes;
using EmrStudio.Cdk.Internal;
using EmrStudio.Cdk.Tests.Templates;
using EmrStudio.Testing;
using EmrStudio.Testing.Stacks.Templates;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>
/// The construct's record table and reconcile schedule against template.yaml's, compared with each other: a setting
/// written on one side only shows up here.
/// </summary>
[Trait(TestTier.Name, TestTier.Full)]
public sealed class RecordDeploymentDriftTests(TwoMappingsStack construct) : IClassFixture<TwoMappingsStack>
{
    private readonly CloudFormationTemplate _construct = construct.Template;
    private readonly CloudFormationTemplate _template = RepositoryTemplates.TemplateYaml;

    [Fact]
    public void RecordTable_PropertiesAndPolicies_AreTheSameInBothDeployments()
    {
        var fromConstruct = Single(_construct, "AWS::DynamoDB::Table");
        var fromTemplate = Single(_template, "AWS::DynamoDB::Table");

        Assert.Equal(Canonical(fromTemplate["Properties"]), Canonical(fromConstruct["Properties"]));
        Assert.Equal(Text(fromTemplate["DeletionPolicy"]), Text(fromConstruct["DeletionPolicy"]));
        Assert.Equal(Text(fromTemplate["UpdateReplacePolicy"]), Text(fromConstruct["UpdateReplacePolicy"]));
    }

    [Fact]
    public void ReconcileRule_ScheduleStateAndEvent_AreTheSameInBothDeployments()
    {
        var rule = Properties(_construct, "AWS::Events::Rule");
        var templateRule = Properties(_template, "AWS::Events::Rule");
        var target = Assert.Single(templateRule["Targets"]!.AsArray())!;

        Assert.Equal(Text(_template.ResolverBeforeDeployment().Resolve(templateRule["ScheduleExpression"])), Text(rule["ScheduleExpression"]));
        Assert.Equal(Text(templateRule["State"]), Text(rule["State"]));
        Assert.Equal(Text(target["Input"]), Text(rule["Targets"]![0]!["Input"]));
        Assert.Equal(Text(target["Id"]), Text(rule["Targets"]![0]!["Id"]));
    }

    [Fact]
    public void ReconcilePermission_PrincipalAndAction_AreTheSameInBothDeployments()
    {
        var permission = Properties(_construct, "AWS::Lambda::Permission");
        var templatePermission = Properties(_template, "AWS::Lambda::Permission");

        Assert.Equal(Text(templatePermission["Principal"]), Text(permission["Principal"]));
        Assert.Equal(Text(templatePermission["Action"]), Text(permission["Action"]));
    }

    [Fact]
    public void HandlerVariables_WithDefaultParameters_AreTheSameNamesInBothDeployments()
    {
        var resolver = _template.ResolverBeforeDeployment();
        var templateVariables = Variables(_template);
        var constructVariables = Variables(_construct);

        // The table's name exists only once the table does; every other variable resolves before deployment.
        var deployed = templateVariables
            .Where(v => v.Key == HandlerDefaults.RecordTableVariable || resolver.Resolve(v.Value) is not null)
            .Select(v => v.Key);
        Assert.Equal(deployed.Order(StringComparer.Ordinal), constructVariables.Select(v => v.Key).Order(StringComparer.Ordinal));
        Assert.Equal(
            Text(resolver.Resolve(templateVariables[HandlerDefaults.ReconcileModeVariable])),
            Text(constructVariables[HandlerDefaults.ReconcileModeVariable]));
    }

    private static JsonObject Single(CloudFormationTemplate template, string type) => template.Resource(template.SingleLogicalIdOfType(type));

    private static JsonObject Properties(CloudFormationTemplate template, string type) => template.Properties(template.SingleLogicalIdOfType(type));

    private static JsonObject Variables(CloudFormationTemplate template) => Properties(template, "AWS::Lambda::Function")["Environment"]!["Variables"]!.AsObject();

    private static string? Text(JsonNode? node) => node?.GetValue<string>();

    /// <summary>Keys sorted at every level: the two sides write the same properties in their own orders.</summary>
    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
