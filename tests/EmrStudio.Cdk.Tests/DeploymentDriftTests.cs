using System.Text.Json;
using EmrStudio.Cdk.Internal;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>
/// The construct's synthesized handler and <c>template.yaml</c>'s handler, compared with each other rather than each
/// with <see cref="HandlerDefaults"/>: a setting hard-coded on either side shows up here.
/// </summary>
public sealed class DeploymentDriftTests
{
    private readonly JsonElement _construct;
    private readonly TemplateYaml _template = TemplateYaml.RepositoryTemplate;

    public DeploymentDriftTests()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "Group");
        TestStacks.Map(stack, "User", TestStacks.StudioB, StudioIdentity.User("lead.analyst"));
        _construct = JsonDocument.Parse(TestStacks.Json(stack).ToString(Newtonsoft.Json.Formatting.None)).RootElement;
    }

    [Theory]
    [InlineData("Runtime")]
    [InlineData("Handler")]
    [InlineData("MemorySize")]
    [InlineData("Timeout")]
    [InlineData("Architectures")]
    public void HandlerFunction_Setting_IsTheSameInBothDeployments(string setting)
    {
        var fromConstruct = Single(_construct, "AWS::Lambda::Function").GetProperty("Properties").GetProperty(setting);
        var fromTemplate = _template.Properties(_template.SingleResourceOfType("AWS::Lambda::Function")).GetProperty(setting);

        Assert.Equal(WithDefaultParameters(fromTemplate), Normalize(fromConstruct));
    }

    [Theory]
    [InlineData("MaximumRetryAttempts")]
    [InlineData("MaximumEventAgeInSeconds")]
    public void EventInvokeConfig_Setting_IsTheSameInBothDeployments(string setting)
    {
        Assert.Equal(
            Normalize(_template.Properties(_template.SingleResourceOfType("AWS::Lambda::EventInvokeConfig")).GetProperty(setting)),
            Normalize(Single(_construct, "AWS::Lambda::EventInvokeConfig").GetProperty("Properties").GetProperty(setting)));
    }

    [Theory]
    [InlineData("LogFormat")]
    [InlineData("ApplicationLogLevel")]
    [InlineData("SystemLogLevel")]
    public void HandlerFunction_LoggingSetting_IsTheSameInBothDeployments(string setting)
    {
        var fromConstruct = Single(_construct, "AWS::Lambda::Function").GetProperty("Properties").GetProperty("LoggingConfig").GetProperty(setting);
        var fromTemplate = _template.Properties(_template.SingleResourceOfType("AWS::Lambda::Function")).GetProperty("LoggingConfig").GetProperty(setting);

        Assert.Equal(WithDefaultParameters(fromTemplate), Normalize(fromConstruct));
    }

    [Fact]
    public void LogGroup_Retention_IsTheSameInBothDeployments()
    {
        Assert.Equal(
            WithDefaultParameters(_template.Properties(_template.SingleResourceOfType("AWS::Logs::LogGroup")).GetProperty("RetentionInDays")),
            Normalize(Single(_construct, "AWS::Logs::LogGroup").GetProperty("Properties").GetProperty("RetentionInDays")));
    }

    [Fact]
    public void Mapping_ServiceTimeout_IsTheSameInBothDeployments()
    {
        var fromTemplate = _template.Properties(_template.SingleResourceOfType(HandlerDefaults.ResourceType)).GetProperty("ServiceTimeout");
        var fromConstruct = Resources(_construct, HandlerDefaults.ResourceType).First().GetProperty("Properties").GetProperty("ServiceTimeout");

        Assert.Equal(Normalize(fromTemplate), Normalize(fromConstruct));
    }

    [Fact]
    public void HandlerRole_ActionGroups_AreTheSameInBothDeployments()
    {
        var fromTemplate = ActionGroups(_template.RoleStatements(_template.SingleResourceOfType("AWS::IAM::Role")));
        var role = Single(_construct, "AWS::IAM::Role").GetProperty("Properties");
        var fromConstruct = ActionGroups(role.GetProperty("Policies").EnumerateArray()
            .SelectMany(p => TemplateYaml.AsArray(p.GetProperty("PolicyDocument").GetProperty("Statement"))));

        Assert.Equal(fromTemplate, fromConstruct);
    }

    [Fact]
    public void HandlerRole_OnlyIdentityCenterAndStudioListActions_AreGrantedOnAnyResourceInBothDeployments()
    {
        static string[] OnAnyResource(IEnumerable<JsonElement> statements) =>
            [.. statements
                .Where(s => TemplateYaml.AsArray(s.GetProperty("Resource")).Any(r => r.ValueKind == JsonValueKind.String && r.GetString() == "*"))
                .SelectMany(s => TemplateYaml.AsArray(s.GetProperty("Action")).Select(a => a.GetString()!))
                .Order(StringComparer.Ordinal)];

        var role = Single(_construct, "AWS::IAM::Role").GetProperty("Properties");
        var fromConstruct = OnAnyResource(role.GetProperty("Policies").EnumerateArray()
            .SelectMany(p => TemplateYaml.AsArray(p.GetProperty("PolicyDocument").GetProperty("Statement"))));
        var fromTemplate = OnAnyResource(_template.RoleStatements(_template.SingleResourceOfType("AWS::IAM::Role")));

        Assert.Equal(fromTemplate, fromConstruct);
        Assert.Equal(HandlerDefaults.IdentityCenterActions.Concat(HandlerDefaults.StudioListActions).Order(StringComparer.Ordinal), fromConstruct);
    }

    [Theory]
    [InlineData("StudioSessionMappings")]
    [InlineData("StackStatus")]
    public void HandlerRole_StatementResources_ResolveAlikeInBothDeployments(string sid)
    {
        var evaluator = new TemplateEvaluator(_template, new Dictionary<string, string>());
        var role = Single(_construct, "AWS::IAM::Role").GetProperty("Properties");
        var fromConstruct = role.GetProperty("Policies").EnumerateArray()
            .SelectMany(p => TemplateYaml.AsArray(p.GetProperty("PolicyDocument").GetProperty("Statement")))
            .Single(s => s.GetProperty("Sid").GetString() == sid);
        var fromTemplate = _template.RoleStatements(_template.SingleResourceOfType("AWS::IAM::Role")).Single(s => s.GetProperty("Sid").GetString() == sid);

        Assert.Equal(Resolved(evaluator, fromTemplate.GetProperty("Resource")), Resolved(evaluator, fromConstruct.GetProperty("Resource")));
    }

    /// <summary>A statement's resources, resolved for template.yaml's default parameters, as a list.</summary>
    private static List<string?> Resolved(TemplateEvaluator evaluator, JsonElement resource) =>
        evaluator.Evaluate(resource) is List<object?> list ? [.. list.Select(r => r as string)] : [evaluator.Evaluate(resource) as string];

    /// <summary>Each statement's sorted actions, one line per statement, sorted: what is granted, whatever the Sids.</summary>
    private static string[] ActionGroups(IEnumerable<JsonElement> statements) =>
        [.. statements
            .Select(s => string.Join(' ', TemplateYaml.AsArray(s.GetProperty("Action")).Select(a => a.GetString()).Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal)];

    /// <summary>A template.yaml value as deployed with the default parameters, normalized like the construct's.</summary>
    private string WithDefaultParameters(JsonElement value) =>
        new TemplateEvaluator(_template, new Dictionary<string, string>()).Evaluate(value) switch
        {
            decimal number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            List<object?> list => string.Join(',', list),
            var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture)!,
        };

    /// <summary>CloudFormation reads 128 and "128" alike; compare values, not JSON kinds.</summary>
    private static string Normalize(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => string.Join(',', value.EnumerateArray().Select(Normalize)),
        JsonValueKind.String => value.GetString()!,
        // The CDK's JSII bridge writes numbers as doubles (128.0).
        JsonValueKind.Number => value.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value.GetRawText(),
    };

    private static IEnumerable<JsonElement> Resources(JsonElement template, string type) =>
        template.GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == type)
            .Select(r => r.Value);

    private static JsonElement Single(JsonElement template, string type) => Resources(template, type).Single();
}
