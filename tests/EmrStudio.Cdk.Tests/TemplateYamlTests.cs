using System.Text.Json.Nodes;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using EmrStudio.Cdk.Internal;
using EmrStudio.Cdk.Tests.Templates;
using EmrStudio.Testing;
using EmrStudio.Testing.Stacks.Templates;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>
/// template.yaml deploys the same function, with the same permissions, as the construct: both are checked against
/// <see cref="HandlerDefaults"/>, the one source of truth.
/// </summary>
[Trait(TestTier.Name, TestTier.Full)]
public sealed class TemplateYamlTests
{
    private static CloudFormationTemplate Template => RepositoryTemplates.TemplateYaml;

    private static string HandlerId => Template.SingleLogicalIdOfType("AWS::Lambda::Function");

    private static string RoleId => Template.SingleLogicalIdOfType("AWS::IAM::Role");

    private static string LogGroupId => Template.SingleLogicalIdOfType("AWS::Logs::LogGroup");

    private static JsonObject Parameters => Template.Section("Parameters");

    [Fact]
    public void Handler_Settings_MatchHandlerDefaults()
    {
        var function = Template.Properties(HandlerId);

        Assert.Equal(HandlerDefaults.Runtime, Text(function["Runtime"]));
        Assert.Equal(HandlerDefaults.Handler, Text(function["Handler"]));
        Assert.Equal([HandlerDefaults.Architecture], function["Architectures"]!.AsArray().Select(Text));
        Assert.Equal(HandlerDefaults.TimeoutSeconds, function["Timeout"]!.GetValue<int>());
        AssertRef(function["MemorySize"], "MemorySize");
    }

    [Theory]
    [InlineData("MemorySize", HandlerDefaults.MemorySizeMb)]
    [InlineData("LogRetentionInDays", HandlerDefaults.LogRetentionDays)]
    [InlineData("LogLevel", HandlerDefaults.ApplicationLogLevel)]
    [InlineData("PermissionsBoundary", "")]
    [InlineData("TrustedStackAccounts", "")]
    public void Parameters_Default_MatchesHandlerDefaults(string parameter, object expected)
    {
        Assert.Equal(Convert.ToString(expected, System.Globalization.CultureInfo.InvariantCulture), Parameters[parameter]!["Default"]!.ToString());
    }

    [Fact]
    public void LogRetentionInDaysParameter_AllowedValues_AreTheRetentionsTheConstructOffers()
    {
        var allowed = Parameters["LogRetentionInDays"]!["AllowedValues"]!.AsArray().Select(v => v!.GetValue<int>());
        var offered = Enum.GetValues<RetentionDays>().Select(RetentionDaysConverter.ToDays).OfType<int>().Order();

        Assert.Equal(offered, allowed);
    }

    [Fact]
    public void LogLevelParameter_AllowedValues_AreLambdasApplicationLogLevels()
    {
        var allowed = Parameters["LogLevel"]!["AllowedValues"]!.AsArray().Select(Text);

        Assert.Equal(Enum.GetNames<ApplicationLogLevel>().Order(StringComparer.Ordinal), allowed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TrustedStackAccounts_Given_SetTheHandlersVariableCommaSeparated()
    {
        var given = Template.ResolverBeforeDeployment(new Dictionary<string, string> { ["TrustedStackAccounts"] = "111122223333, 444455556666" });
        var none = Template.ResolverBeforeDeployment();
        var variable = Template.Properties(HandlerId)["Environment"]!["Variables"]![HandlerDefaults.TrustedStackAccountsVariable];

        Assert.Equal("111122223333,444455556666", Text(given.Resolve(variable)));
        Assert.Null(none.Resolve(variable));
    }

    [Fact]
    public void PermissionsBoundary_GivenOrEmpty_IsSetOrLeftOut()
    {
        const string Boundary = "arn:aws:iam::123456789012:policy/DeveloperBoundary";
        var boundary = Template.Properties(RoleId)["PermissionsBoundary"];

        Assert.Equal(Boundary, Text(Template.ResolverBeforeDeployment(new Dictionary<string, string> { ["PermissionsBoundary"] = Boundary }).Resolve(boundary)));
        Assert.Null(Template.ResolverBeforeDeployment().Resolve(boundary));
    }

    [Fact]
    public void Handler_Code_IsTheReleaseZipThePackagingScriptBuilds()
    {
        const string ZipPath = "artifacts/emrstudio-session-mapping-handler.zip";

        Assert.Equal(ZipPath, Text(Template.Properties(HandlerId)["Code"]));
        Assert.Contains($"zip_path={ZipPath}", File.ReadAllText(RepositoryRoot.File("build/package-handler.sh")), StringComparison.Ordinal);
    }

    [Fact]
    public void Handler_Role_IsTheTemplatesOwnRoleWithoutManagedPolicies()
    {
        AssertGetAtt(Template.Properties(HandlerId)["Role"], RoleId, "Arn");
        Assert.False(Template.Properties(RoleId).ContainsKey("ManagedPolicyArns"), "The role must carry no managed policies.");
    }

    [Fact]
    public void EventInvokeConfig_ForTheHandler_MatchesHandlerDefaultsRetryAttempts()
    {
        var config = Template.Properties(Template.SingleLogicalIdOfType("AWS::Lambda::EventInvokeConfig"));

        AssertRef(config["FunctionName"], HandlerId);
        Assert.Equal("$LATEST", Text(config["Qualifier"]));
        Assert.Equal(HandlerDefaults.MaximumRetryAttempts, config["MaximumRetryAttempts"]!.GetValue<int>());
        Assert.Equal(HandlerDefaults.MaximumEventAgeSeconds, config["MaximumEventAgeInSeconds"]!.GetValue<int>());
    }

    [Fact]
    public void Handler_LoggingConfig_IsJsonAtTheLogLevelParameterAndSystemWarn()
    {
        var logging = Template.Properties(HandlerId)["LoggingConfig"]!;

        Assert.Equal(HandlerDefaults.LogFormat, Text(logging["LogFormat"]));
        AssertRef(logging["ApplicationLogLevel"], "LogLevel");
        Assert.Equal(HandlerDefaults.SystemLogLevel, Text(logging["SystemLogLevel"]));
    }

    [Fact]
    public void ExampleMapping_DependsOn_TheEventInvokeConfig()
    {
        var mapping = Template.Resource(Template.SingleLogicalIdOfType(HandlerDefaults.ResourceType));

        Assert.Contains(Template.SingleLogicalIdOfType("AWS::Lambda::EventInvokeConfig"), PolicyDocuments.AsList(mapping["DependsOn"]).Select(Text));
    }

    [Fact]
    public void LogGroup_Retention_IsTheParameterAndReceivesTheHandlersLogs()
    {
        AssertRef(Template.Properties(LogGroupId)["RetentionInDays"], "LogRetentionInDays");
        AssertRef(Template.Properties(HandlerId)["LoggingConfig"]!["LogGroup"], LogGroupId);
    }

    [Fact]
    public void ExampleMapping_ServiceTimeout_MatchesHandlerDefaults()
    {
        var mappingId = Template.SingleLogicalIdOfType(HandlerDefaults.ResourceType);
        var mapping = Template.Properties(mappingId);

        Assert.Equal(HandlerDefaults.ServiceTimeoutSeconds, mapping["ServiceTimeout"]!.GetValue<int>());
        AssertGetAtt(mapping["ServiceToken"], HandlerId, "Arn");
        Assert.True(Template.Resource(mappingId).ContainsKey("Condition"), "The example mapping must exist only when its parameters are given.");
    }

    [Fact]
    public void Role_StudioStatement_GrantsExactlyTheStudioActions()
    {
        var statement = Statement("StudioSessionMappings");

        Assert.Equal(Sorted(HandlerDefaults.StudioActions), PolicyDocuments.Actions(statement));
        Assert.False(PolicyDocuments.OnAnyResource(statement));
    }

    [Fact]
    public void Role_IdentityCenterStatement_GrantsExactlyTheIdentityCenterActionsOnAnyResource()
    {
        var statement = Statement("IdentityCenter");

        Assert.Equal(Sorted(HandlerDefaults.IdentityCenterActions), PolicyDocuments.Actions(statement));
        Assert.Equal("*", Text(statement["Resource"]));
    }

    [Fact]
    public void Role_LogsStatement_WritesOnlyToTheHandlersLogGroup()
    {
        var statement = Statement("Logs");

        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], PolicyDocuments.Actions(statement));
        AssertGetAtt(statement["Resource"], LogGroupId, "Arn");
    }

    [Fact]
    public void Role_StackStatusStatement_DescribesTheAccountsAndRegionsStacksOnly()
    {
        var statement = Statement("StackStatus");

        Assert.Equal(Sorted(HandlerDefaults.StackStatusActions), PolicyDocuments.Actions(statement));
        Assert.Equal("arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/*", Text(statement["Resource"]!["Fn::Sub"]));
    }

    [Fact]
    public void Role_Statements_AreTheLogsStudioIdentityCenterStackStatusListingAndRecordAllowsOnly()
    {
        var statements = PolicyDocuments.InlineStatements(Template.Properties(RoleId));

        Assert.Equal(
            ["IdentityCenter", "Logs", "Record", "StackStatus", "StudioListing", "StudioSessionMappings"],
            statements.Select(PolicyDocuments.Sid).Order(StringComparer.Ordinal));
        Assert.All(statements, s => Assert.Equal("Allow", Text(s["Effect"])));
    }

    [Fact]
    public void Outputs_ServiceToken_IsExportedUnderAnOverridableName()
    {
        var output = Template.Section("Outputs")["ServiceToken"]!;

        AssertGetAtt(output["Value"], HandlerId, "Arn");
        AssertRef(output["Export"]!["Name"], "ServiceTokenExportName");
        Assert.Equal("EmrStudioSessionMappingServiceToken", RepositoryTemplates.DefaultServiceTokenExport);
    }

    [Fact]
    public void ExampleStack_Mapping_ImportsTheDefaultExportWithTheHandlerDefaultsServiceTimeout()
    {
        var example = RepositoryTemplates.Example("session-mapping.yaml");
        var mapping = example.Properties(example.SingleLogicalIdOfType(HandlerDefaults.ResourceType));

        Assert.Equal(RepositoryTemplates.DefaultServiceTokenExport, Text(mapping["ServiceToken"]!["Fn::ImportValue"]));
        Assert.Equal(HandlerDefaults.ServiceTimeoutSeconds, mapping["ServiceTimeout"]!.GetValue<int>());
    }

    private static JsonObject Statement(string sid) =>
        Assert.Single(PolicyDocuments.InlineStatements(Template.Properties(RoleId)), s => PolicyDocuments.Sid(s) == sid);

    private static List<string> Sorted(IEnumerable<string> values) => [.. values.Order(StringComparer.Ordinal)];

    private static string? Text(JsonNode? node) => node?.GetValue<string>();

    private static void AssertRef(JsonNode? value, string logicalId) => Assert.Equal(logicalId, Text(value?["Ref"]));

    private static void AssertGetAtt(JsonNode? value, string logicalId, string attribute) =>
        Assert.Equal([logicalId, attribute], value!["Fn::GetAtt"]!.AsArray().Select(Text));
}
