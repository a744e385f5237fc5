using System.Text.Json;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using EmrStudio.Cdk.Internal;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>
/// template.yaml deploys the same function, with the same permissions, as the construct: both are checked against
/// <see cref="HandlerDefaults"/>, the one source of truth.
/// </summary>
public sealed class TemplateYamlTests
{
    private static TemplateYaml Template => TemplateYaml.RepositoryTemplate;

    private static string HandlerId => Template.SingleResourceOfType("AWS::Lambda::Function");

    private static string RoleId => Template.SingleResourceOfType("AWS::IAM::Role");

    private static string LogGroupId => Template.SingleResourceOfType("AWS::Logs::LogGroup");

    [Fact]
    public void Handler_Settings_MatchHandlerDefaults()
    {
        var function = Template.Properties(HandlerId);

        Assert.Equal(HandlerDefaults.Runtime, function.GetProperty("Runtime").GetString());
        Assert.Equal(HandlerDefaults.Handler, function.GetProperty("Handler").GetString());
        Assert.Equal([HandlerDefaults.Architecture], function.GetProperty("Architectures").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(HandlerDefaults.TimeoutSeconds, function.GetProperty("Timeout").GetInt32());
        AssertRef(function.GetProperty("MemorySize"), "MemorySize");
    }

    [Theory]
    [InlineData("MemorySize", HandlerDefaults.MemorySizeMb)]
    [InlineData("LogRetentionInDays", HandlerDefaults.LogRetentionDays)]
    [InlineData("LogLevel", HandlerDefaults.ApplicationLogLevel)]
    [InlineData("PermissionsBoundary", "")]
    [InlineData("TrustedStackAccounts", "")]
    public void Parameters_Default_MatchesHandlerDefaults(string parameter, object expected)
    {
        Assert.Equal(Convert.ToString(expected, System.Globalization.CultureInfo.InvariantCulture), Template.Root.GetProperty("Parameters").GetProperty(parameter).GetProperty("Default").ToString());
    }

    [Fact]
    public void LogRetentionInDaysParameter_AllowedValues_AreTheRetentionsTheConstructOffers()
    {
        var allowed = Template.Root.GetProperty("Parameters").GetProperty("LogRetentionInDays").GetProperty("AllowedValues").EnumerateArray().Select(v => v.GetInt32());
        var offered = Enum.GetValues<RetentionDays>().Select(RetentionDaysConverter.ToDays).OfType<int>().Order();

        Assert.Equal(offered, allowed);
    }

    [Fact]
    public void LogLevelParameter_AllowedValues_AreLambdasApplicationLogLevels()
    {
        var allowed = Template.Root.GetProperty("Parameters").GetProperty("LogLevel").GetProperty("AllowedValues").EnumerateArray().Select(v => v.GetString());

        Assert.Equal(Enum.GetNames<ApplicationLogLevel>().Order(StringComparer.Ordinal), allowed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TrustedStackAccounts_Given_SetTheHandlersVariableCommaSeparated()
    {
        var given = new TemplateEvaluator(Template, new Dictionary<string, string> { ["TrustedStackAccounts"] = "111122223333, 444455556666" });
        var none = new TemplateEvaluator(Template, new Dictionary<string, string>());
        var environment = Template.Properties(HandlerId).GetProperty("Environment");

        var variable = environment.GetProperty("Variables").GetProperty(HandlerDefaults.TrustedStackAccountsVariable);

        Assert.Equal("111122223333,444455556666", given.Evaluate(variable));
        Assert.Same(TemplateEvaluator.NoValue, none.Evaluate(variable));
    }

    [Fact]
    public void PermissionsBoundary_GivenOrEmpty_IsSetOrLeftOut()
    {
        const string Boundary = "arn:aws:iam::123456789012:policy/DeveloperBoundary";
        var boundary = Template.Properties(RoleId).GetProperty("PermissionsBoundary");

        Assert.Equal(Boundary, new TemplateEvaluator(Template, new Dictionary<string, string> { ["PermissionsBoundary"] = Boundary }).Evaluate(boundary));
        Assert.Same(TemplateEvaluator.NoValue, new TemplateEvaluator(Template, new Dictionary<string, string>()).Evaluate(boundary));
    }

    [Fact]
    public void Handler_Code_IsTheReleaseZipThePackagingScriptBuilds()
    {
        const string ZipPath = "artifacts/emrstudio-session-mapping-handler.zip";

        Assert.Equal(ZipPath, Template.Properties(HandlerId).GetProperty("Code").GetString());
        Assert.Contains($"zip_path={ZipPath}", File.ReadAllText(TemplateYaml.FindRepositoryFile("build/package-handler.sh")), StringComparison.Ordinal);
    }

    [Fact]
    public void Handler_Role_IsTheTemplatesOwnRoleWithoutManagedPolicies()
    {
        AssertGetAtt(Template.Properties(HandlerId).GetProperty("Role"), RoleId, "Arn");
        Assert.False(Template.Properties(RoleId).TryGetProperty("ManagedPolicyArns", out _), "The role must carry no managed policies.");
    }

    [Fact]
    public void EventInvokeConfig_ForTheHandler_MatchesHandlerDefaultsRetryAttempts()
    {
        var config = Template.Properties(Template.SingleResourceOfType("AWS::Lambda::EventInvokeConfig"));

        AssertRef(config.GetProperty("FunctionName"), HandlerId);
        Assert.Equal("$LATEST", config.GetProperty("Qualifier").GetString());
        Assert.Equal(HandlerDefaults.MaximumRetryAttempts, config.GetProperty("MaximumRetryAttempts").GetInt32());
        Assert.Equal(HandlerDefaults.MaximumEventAgeSeconds, config.GetProperty("MaximumEventAgeInSeconds").GetInt32());
    }

    [Fact]
    public void Handler_LoggingConfig_IsJsonAtTheLogLevelParameterAndSystemWarn()
    {
        var logging = Template.Properties(HandlerId).GetProperty("LoggingConfig");

        Assert.Equal(HandlerDefaults.LogFormat, logging.GetProperty("LogFormat").GetString());
        AssertRef(logging.GetProperty("ApplicationLogLevel"), "LogLevel");
        Assert.Equal(HandlerDefaults.SystemLogLevel, logging.GetProperty("SystemLogLevel").GetString());
    }

    [Fact]
    public void ExampleMapping_DependsOn_TheEventInvokeConfig()
    {
        var mapping = Template.Resource(Template.SingleResourceOfType(HandlerDefaults.ResourceType));

        Assert.Contains(Template.SingleResourceOfType("AWS::Lambda::EventInvokeConfig"), TemplateYaml.AsArray(mapping.GetProperty("DependsOn")).Select(d => d.GetString()));
    }

    [Fact]
    public void LogGroup_Retention_IsTheParameterAndReceivesTheHandlersLogs()
    {
        AssertRef(Template.Properties(LogGroupId).GetProperty("RetentionInDays"), "LogRetentionInDays");
        AssertRef(Template.Properties(HandlerId).GetProperty("LoggingConfig").GetProperty("LogGroup"), LogGroupId);
    }

    [Fact]
    public void ExampleMapping_ServiceTimeout_MatchesHandlerDefaults()
    {
        var mappingId = Template.SingleResourceOfType(HandlerDefaults.ResourceType);
        var mapping = Template.Properties(mappingId);

        Assert.Equal(HandlerDefaults.ServiceTimeoutSeconds, mapping.GetProperty("ServiceTimeout").GetInt32());
        AssertGetAtt(mapping.GetProperty("ServiceToken"), HandlerId, "Arn");
        Assert.True(Template.Resource(mappingId).TryGetProperty("Condition", out _), "The example mapping must exist only when its parameters are given.");
    }

    [Fact]
    public void Role_StudioStatement_GrantsExactlyTheStudioActions()
    {
        var statement = Statement("StudioSessionMappings");

        Assert.Equal(Sorted(HandlerDefaults.StudioActions), Actions(statement));
        Assert.DoesNotContain(TemplateYaml.AsArray(statement.GetProperty("Resource")), r => r.ValueKind == JsonValueKind.String && r.GetString() == "*");
    }

    [Fact]
    public void Role_IdentityCenterStatement_GrantsExactlyTheIdentityCenterActionsOnAnyResource()
    {
        var statement = Statement("IdentityCenter");

        Assert.Equal(Sorted(HandlerDefaults.IdentityCenterActions), Actions(statement));
        Assert.Equal("*", statement.GetProperty("Resource").GetString());
    }

    [Fact]
    public void Role_LogsStatement_WritesOnlyToTheHandlersLogGroup()
    {
        var statement = Statement("Logs");

        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], Actions(statement));
        AssertGetAtt(statement.GetProperty("Resource"), LogGroupId, "Arn");
    }

    [Fact]
    public void Role_StackStatusStatement_DescribesTheAccountsAndRegionsStacksOnly()
    {
        var statement = Statement("StackStatus");

        Assert.Equal(Sorted(HandlerDefaults.StackStatusActions), Actions(statement));
        Assert.Equal(
            "arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/*",
            statement.GetProperty("Resource").GetProperty("Fn::Sub").GetString());
    }

    [Fact]
    public void Role_Statements_AreTheLogsStudioIdentityCenterStackStatusListingAndRecordAllowsOnly()
    {
        var statements = Template.RoleStatements(RoleId);

        Assert.Equal(
            ["IdentityCenter", "Logs", "Record", "StackStatus", "StudioListing", "StudioSessionMappings"],
            statements.Select(s => s.GetProperty("Sid").GetString()).Order(StringComparer.Ordinal));
        Assert.All(statements, s => Assert.Equal("Allow", s.GetProperty("Effect").GetString()));
    }

    [Fact]
    public void Outputs_ServiceToken_IsExportedUnderAnOverridableName()
    {
        var output = Template.Root.GetProperty("Outputs").GetProperty("ServiceToken");
        var exportName = output.GetProperty("Export").GetProperty("Name");

        AssertGetAtt(output.GetProperty("Value"), HandlerId, "Arn");
        AssertRef(exportName, "ServiceTokenExportName");
        Assert.Equal(
            "EmrStudioSessionMappingServiceToken",
            Template.Root.GetProperty("Parameters").GetProperty("ServiceTokenExportName").GetProperty("Default").GetString());
    }

    [Fact]
    public void ExampleStack_Mapping_ImportsTheDefaultExportWithTheHandlerDefaultsServiceTimeout()
    {
        var example = TemplateYaml.Load(TemplateYaml.FindRepositoryFile("examples/session-mapping.yaml"));
        var mapping = example.Properties(example.SingleResourceOfType(HandlerDefaults.ResourceType));
        var exportName = Template.Root.GetProperty("Parameters").GetProperty("ServiceTokenExportName").GetProperty("Default").GetString();

        Assert.Equal(exportName, mapping.GetProperty("ServiceToken").GetProperty("Fn::ImportValue").GetString());
        Assert.Equal(HandlerDefaults.ServiceTimeoutSeconds, mapping.GetProperty("ServiceTimeout").GetInt32());
    }

    private static JsonElement Statement(string sid) =>
        Assert.Single(Template.RoleStatements(RoleId), s => s.TryGetProperty("Sid", out var id) && id.GetString() == sid);

    private static List<string?> Actions(JsonElement statement) =>
        [.. TemplateYaml.AsArray(statement.GetProperty("Action")).Select(a => a.GetString()).Order(StringComparer.Ordinal)];

    private static List<string?> Sorted(IEnumerable<string> values) => [.. values.Order(StringComparer.Ordinal)];

    private static void AssertRef(JsonElement value, string logicalId) =>
        Assert.Equal(logicalId, value.GetProperty("Ref").GetString());

    private static void AssertGetAtt(JsonElement value, string logicalId, string attribute) =>
        Assert.Equal([logicalId, attribute], value.GetProperty("Fn::GetAtt").EnumerateArray().Select(e => e.GetString()));
}
