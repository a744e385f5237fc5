using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmrStudio.Cdk.Internal;
using EmrStudio.Cdk.Tests.Templates;
using EmrStudio.Testing;
using EmrStudio.Testing.Stacks.Templates;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>
/// The construct's synthesized handler and <c>template.yaml</c>'s handler, compared with each other rather than each
/// with <see cref="HandlerDefaults"/>: a setting hard-coded on either side shows up here.
/// </summary>
[Trait(TestTier.Name, TestTier.Full)]
public sealed class DeploymentDriftTests(TwoMappingsStack construct) : IClassFixture<TwoMappingsStack>
{
    private readonly CloudFormationTemplate _construct = construct.Template;
    private readonly CloudFormationTemplate _template = RepositoryTemplates.TemplateYaml;

    [Theory]
    [InlineData("Runtime")]
    [InlineData("Handler")]
    [InlineData("MemorySize")]
    [InlineData("Timeout")]
    [InlineData("Architectures")]
    public void HandlerFunction_Setting_IsTheSameInBothDeployments(string setting)
    {
        var fromConstruct = Properties(_construct, "AWS::Lambda::Function")[setting];
        var fromTemplate = Properties(_template, "AWS::Lambda::Function")[setting];

        Assert.Equal(Deployed(_template, fromTemplate), Deployed(_construct, fromConstruct));
    }

    [Theory]
    [InlineData("MaximumRetryAttempts")]
    [InlineData("MaximumEventAgeInSeconds")]
    public void EventInvokeConfig_Setting_IsTheSameInBothDeployments(string setting)
    {
        Assert.Equal(
            Deployed(_template, Properties(_template, "AWS::Lambda::EventInvokeConfig")[setting]),
            Deployed(_construct, Properties(_construct, "AWS::Lambda::EventInvokeConfig")[setting]));
    }

    [Theory]
    [InlineData("LogFormat")]
    [InlineData("ApplicationLogLevel")]
    [InlineData("SystemLogLevel")]
    public void HandlerFunction_LoggingSetting_IsTheSameInBothDeployments(string setting)
    {
        var fromConstruct = Properties(_construct, "AWS::Lambda::Function")["LoggingConfig"]![setting];
        var fromTemplate = Properties(_template, "AWS::Lambda::Function")["LoggingConfig"]![setting];

        Assert.Equal(Deployed(_template, fromTemplate), Deployed(_construct, fromConstruct));
    }

    [Fact]
    public void LogGroup_Retention_IsTheSameInBothDeployments()
    {
        Assert.Equal(
            Deployed(_template, Properties(_template, "AWS::Logs::LogGroup")["RetentionInDays"]),
            Deployed(_construct, Properties(_construct, "AWS::Logs::LogGroup")["RetentionInDays"]));
    }

    [Fact]
    public void Mapping_ServiceTimeout_IsTheSameInBothDeployments()
    {
        var fromTemplate = Properties(_template, HandlerDefaults.ResourceType)["ServiceTimeout"];
        var fromConstruct = _construct.Properties(_construct.LogicalIdsOfType(HandlerDefaults.ResourceType)[0])["ServiceTimeout"];

        Assert.Equal(Normalize(fromTemplate), Normalize(fromConstruct));
    }

    [Fact]
    public void HandlerRole_ActionGroups_AreTheSameInBothDeployments()
    {
        Assert.Equal(ActionGroups(RoleStatements(_template)), ActionGroups(RoleStatements(_construct)));
    }

    [Fact]
    public void HandlerRole_OnlyIdentityCenterAndStudioListActions_AreGrantedOnAnyResourceInBothDeployments()
    {
        static string[] OnAnyResource(IEnumerable<JsonObject> statements) =>
            [.. statements.Where(PolicyDocuments.OnAnyResource).SelectMany(PolicyDocuments.Actions).Order(StringComparer.Ordinal)];

        var fromConstruct = OnAnyResource(RoleStatements(_construct));

        Assert.Equal(OnAnyResource(RoleStatements(_template)), fromConstruct);
        Assert.Equal(HandlerDefaults.IdentityCenterActions.Concat(HandlerDefaults.StudioListActions).Order(StringComparer.Ordinal), fromConstruct);
    }

    [Theory]
    [InlineData("StudioSessionMappings")]
    [InlineData("StackStatus")]
    public void HandlerRole_StatementResources_ResolveAlikeInBothDeployments(string sid)
    {
        var fromConstruct = RoleStatements(_construct).Single(s => PolicyDocuments.Sid(s) == sid)["Resource"];
        var fromTemplate = RoleStatements(_template).Single(s => PolicyDocuments.Sid(s) == sid)["Resource"];

        Assert.Equal(Resources(_template, fromTemplate), Resources(_construct, fromConstruct));
    }

    [Fact]
    public void ServiceTokenExport_SampleAppsDefault_IsNotTemplateYamlsSoBothCanLiveInOneAccount()
    {
        var sampleExport = SampleStackTests.ExportName(SampleStackTests.Sample(new Amazon.CDK.App(), SampleStackTests.RealStudio));

        Assert.NotEqual(RepositoryTemplates.DefaultServiceTokenExport, sampleExport);
    }

    private static JsonObject Properties(CloudFormationTemplate template, string type) => template.Properties(template.SingleLogicalIdOfType(type));

    private static IReadOnlyList<JsonObject> RoleStatements(CloudFormationTemplate template) =>
        PolicyDocuments.InlineStatements(Properties(template, "AWS::IAM::Role"));

    /// <summary>A statement's resources, resolved for the template's default parameters, as a list.</summary>
    private static List<string> Resources(CloudFormationTemplate template, JsonNode? resource) =>
        [.. PolicyDocuments.AsList(template.ResolverBeforeDeployment().Resolve(resource)).Select(r => r!.GetValue<string>())];

    /// <summary>Each statement's sorted actions, one line per statement, sorted: what is granted, whatever the Sids.</summary>
    private static string[] ActionGroups(IEnumerable<JsonObject> statements) =>
        [.. statements.Select(s => string.Join(' ', PolicyDocuments.Actions(s))).Order(StringComparer.Ordinal)];

    /// <summary>A value as deployed with the template's default parameters, normalized.</summary>
    private static string Deployed(CloudFormationTemplate template, JsonNode? value) => Normalize(template.ResolverBeforeDeployment().Resolve(value));

    /// <summary>CloudFormation reads 128, 128.0 (the CDK's JSII bridge writes doubles) and "128" alike: compare values, not JSON kinds.</summary>
    private static string Normalize(JsonNode? value) => value switch
    {
        null => "null",
        JsonArray array => string.Join(',', array.Select(Normalize)),
        JsonValue text when text.TryGetValue<string>(out var s) => s,
        JsonValue number when number.GetValueKind() == JsonValueKind.Number => number.GetValue<double>().ToString(CultureInfo.InvariantCulture),
        _ => value.ToJsonString(),
    };
}
