using System.Security.Cryptography;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using EmrStudio.Cdk.Internal;
using EmrStudio.CodePublisher.Code;
using Newtonsoft.Json.Linq;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>
/// The StackSet construct: the outer stack's <c>AWS::CloudFormation::StackSet</c>, and the member template it embeds,
/// which deploys the mappings and their handler with no CDK asset or bootstrap reference.
/// </summary>
public sealed class StackSetTests
{
    public const string CodeBucketPrefix = "example-org-emrstudio-code";
    public const string OrganizationalUnit = "ou-ab12-34cd56ef";

    [Fact]
    public void Constructor_Typical_DeclaresAServiceManagedStackSetWithTheTargetsAndAutoDeployment()
    {
        var stack = TestStacks.NewStack();
        _ = Typical(stack);

        var properties = TestStacks.Single(TestStacks.Json(stack), "AWS::CloudFormation::StackSet")["Properties"]!;
        Assert.Equal("emrstudio-analytics-mappings", (string?)properties["StackSetName"]);
        Assert.Equal("SERVICE_MANAGED", (string?)properties["PermissionModel"]);
        Assert.Equal("SELF", (string?)properties["CallAs"]);
        Assert.Equal("""{"Enabled":true,"RetainStacksOnAccountRemoval":false}""", TestStacks.Compact(properties["AutoDeployment"]!));
        Assert.Equal("""["CAPABILITY_IAM"]""", TestStacks.Compact(properties["Capabilities"]!));
        Assert.Equal("""{"Active":true}""", TestStacks.Compact(properties["ManagedExecution"]!));
        Assert.Equal(
            $$"""[{"DeploymentTargets":{"OrganizationalUnitIds":["{{OrganizationalUnit}}"]},"Regions":["eu-west-1","us-east-1"]}]""",
            TestStacks.Compact(properties["StackInstancesGroup"]!));
        Assert.Null(properties["OperationPreferences"]);
        Assert.Null(properties["TemplateURL"]);
        Assert.NotNull((string?)properties["TemplateBody"]);
    }

    [Fact]
    public void Constructor_Typical_EmbedsTheMemberTemplateAsTheTemplateBody()
    {
        var stack = TestStacks.NewStack();
        var stackSet = Typical(stack);

        var body = (string?)TestStacks.Single(TestStacks.Json(stack), "AWS::CloudFormation::StackSet")["Properties"]!["TemplateBody"];
        Assert.Equal(stackSet.MemberTemplate, body);
        Assert.True(body!.Length <= StudioSessionMappingStackSet.TemplateBodyLimitBytes);
    }

    [Fact]
    public void MemberTemplate_Always_HasNoAssetOrBootstrapReference()
    {
        var member = JObject.Parse(Typical(TestStacks.NewStack()).MemberTemplate);

        Assert.Null(member["Parameters"]);
        Assert.Null(member["Rules"]);
        Assert.Null(member["Transform"]);
        Assert.DoesNotContain(((JObject)member["Resources"]!).Properties(), r => (string?)r.Value["Type"] == "AWS::CDK::Metadata");
        Assert.DoesNotContain("aws:cdk:path", member.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("aws:asset", member.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("cdk-hnb659fds", member.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("BootstrapVersion", member.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MemberTemplate_Handler_TakesItsCodeFromTheRegionsCodeBucketUnderTheContentAddressedKey()
    {
        var stackSet = Typical(TestStacks.NewStack());

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(TestStacks.FakeHandlerDirectory, HandlerAsset.ExecutableName))));
        Assert.Equal($"emrstudio-session-mapping-handler/{sha256}.zip", stackSet.CodeKey);
        var code = TestStacks.Single(JObject.Parse(stackSet.MemberTemplate), "AWS::Lambda::Function")["Properties"]!["Code"]!;
        Assert.Equal($$"""{"S3Bucket":{"Fn::Join":["",["{{CodeBucketPrefix}}-",{"Ref":"AWS::Region"}]]},"S3Key":"{{stackSet.CodeKey}}"}""", TestStacks.Compact(code));
    }

    [Fact]
    public void MemberTemplate_Handler_HasItsRecordTableAndScheduleAndTheSameRoleAsAStacks()
    {
        var stackSet = Typical(TestStacks.NewStack());
        var member = Template.FromString(stackSet.MemberTemplate);

        member.ResourceCountIs("AWS::Lambda::Function", 1);
        member.ResourceCountIs("AWS::DynamoDB::Table", 1);
        member.ResourceCountIs("AWS::Events::Rule", 1);
        member.HasResource("AWS::DynamoDB::Table", new Dictionary<string, object> { ["DeletionPolicy"] = "Retain" });
        var plain = TestStacks.NewStack();
        TestStacks.Map(plain, "A");
        Assert.Equal(Sids(TestStacks.RoleStatements(plain)), Sids((JArray)TestStacks.Single(JObject.Parse(stackSet.MemberTemplate), "AWS::IAM::Role")["Properties"]!["Policies"]![0]!["PolicyDocument"]!["Statement"]!));
    }

    [Fact]
    public void MemberTemplate_Mappings_NameTheStudioAndEachAccountsPolicyByName()
    {
        var member = Template.FromString(Typical(TestStacks.NewStack()).MemberTemplate);

        member.ResourceCountIs(HandlerDefaults.ResourceType, 2);
        member.HasResourceProperties(HandlerDefaults.ResourceType, new Dictionary<string, object>
        {
            ["StudioName"] = "analytics",
            ["StudioId"] = Match.Absent(),
            ["IdentityType"] = "GROUP",
            ["IdentityName"] = "data-scientists",
            ["SessionPolicyArn"] = new Dictionary<string, object> { ["Fn::Sub"] = "arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/EmrStudioDataScientist" },
        });
        member.HasResourceProperties(HandlerDefaults.ResourceType, new Dictionary<string, object>
        {
            ["StudioId"] = TestStacks.StudioA,
            ["IdentityType"] = "USER",
            ["SessionPolicyArn"] = new Dictionary<string, object> { ["Fn::Sub"] = "arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/team/EmrStudioEngineer" },
        });
    }

    [Fact]
    public void MemberTemplate_SameProps_IsTheSameText()
    {
        Assert.Equal(Typical(TestStacks.NewStack()).MemberTemplate, Typical(TestStacks.NewStack()).MemberTemplate);
    }

    [Fact]
    public void HandlerOptions_Given_ReachEveryInstancesHandler()
    {
        var stackSet = new StudioSessionMappingStackSet(TestStacks.NewStack(), "Analytics", Props(handlerOptions: new StudioSessionMappingHandlerOptions
        {
            MemorySize = 256,
            ReconcileMode = ReconcileMode.Report,
            RecordTableRemovalPolicy = RemovalPolicy.DESTROY,
        }));

        var member = Template.FromString(stackSet.MemberTemplate);
        member.HasResourceProperties("AWS::Lambda::Function", new Dictionary<string, object>
        {
            ["MemorySize"] = 256,
            ["Environment"] = new Dictionary<string, object> { ["Variables"] = new Dictionary<string, object> { [HandlerDefaults.ReconcileModeVariable] = "report" } },
        });
        member.HasResource("AWS::DynamoDB::Table", new Dictionary<string, object> { ["DeletionPolicy"] = "Delete" });
    }

    [Fact]
    public void ServiceTokenExportName_Given_ExportsEachInstancesServiceToken()
    {
        var stackSet = new StudioSessionMappingStackSet(TestStacks.NewStack(), "Handlers", Props(mappings: new Dictionary<string, StudioSessionMappingProps>(), exportName: "EmrStudioSessionMappingServiceToken"));

        var member = JObject.Parse(stackSet.MemberTemplate);
        var output = member["Outputs"]!["ServiceToken"]!;
        Assert.Equal("EmrStudioSessionMappingServiceToken", (string?)output["Export"]!["Name"]);
        Assert.Equal($$"""{"Fn::GetAtt":["{{TestStacks.LogicalId(member, "AWS::Lambda::Function")}}","Arn"]}""", TestStacks.Compact(output["Value"]!));
        Assert.Empty(TestStacks.Resources(member, HandlerDefaults.ResourceType));
    }

    [Fact]
    public void Targets_AccountsWithAFilterAndEveryPreference_ReachTheStackSet()
    {
        var stack = TestStacks.NewStack();
        _ = new StudioSessionMappingStackSet(stack, "Analytics", Props(
            accounts: ["111122223333"],
            accountFilter: StackSetAccountFilter.Difference,
            callAs: StackSetCallAs.DelegatedAdmin,
            autoDeployment: new StackSetAutoDeployment { RetainStacksOnAccountRemoval = true },
            managedExecution: false,
            operationPreferences: new StackSetOperationPreferences
            {
                MaxConcurrentPercentage = 25,
                FailureToleranceCount = 2,
                RegionOrder = ["us-east-1", "eu-west-1"],
                RegionConcurrency = StackSetRegionConcurrency.Parallel,
                ConcurrencyMode = StackSetConcurrencyMode.SoftFailureTolerance,
            }));

        var properties = TestStacks.Single(TestStacks.Json(stack), "AWS::CloudFormation::StackSet")["Properties"]!;
        Assert.Equal("DELEGATED_ADMIN", (string?)properties["CallAs"]);
        Assert.Equal("""{"Enabled":true,"RetainStacksOnAccountRemoval":true}""", TestStacks.Compact(properties["AutoDeployment"]!));
        Assert.Equal("""{"Active":false}""", TestStacks.Compact(properties["ManagedExecution"]!));
        Assert.Equal(
            $$"""{"AccountFilterType":"DIFFERENCE","Accounts":["111122223333"],"OrganizationalUnitIds":["{{OrganizationalUnit}}"]}""",
            TestStacks.Compact(Sorted(properties["StackInstancesGroup"]![0]!["DeploymentTargets"]!)));
        var preferences = (JObject)properties["OperationPreferences"]!;
        Assert.Equal(["ConcurrencyMode", "FailureToleranceCount", "MaxConcurrentPercentage", "RegionConcurrencyType", "RegionOrder"], preferences.Properties().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("SOFT_FAILURE_TOLERANCE", (string?)preferences["ConcurrencyMode"]);
        // Read as numbers: the CDK's bridge writes them as doubles (2.0), which CloudFormation reads alike.
        Assert.Equal(2, (int?)preferences["FailureToleranceCount"]);
        Assert.Equal(25, (int?)preferences["MaxConcurrentPercentage"]);
        Assert.Equal("PARALLEL", (string?)preferences["RegionConcurrencyType"]);
        Assert.Equal("""["us-east-1","eu-west-1"]""", TestStacks.Compact(preferences["RegionOrder"]!));
    }

    [Fact]
    public void AutoDeployment_Disabled_SaysNothingOfRetention()
    {
        var stack = TestStacks.NewStack();
        _ = new StudioSessionMappingStackSet(stack, "Analytics", Props(autoDeployment: new StackSetAutoDeployment { Enabled = false, RetainStacksOnAccountRemoval = true }));

        Assert.Equal("""{"Enabled":false}""", TestStacks.Compact(TestStacks.Single(TestStacks.Json(stack), "AWS::CloudFormation::StackSet")["Properties"]!["AutoDeployment"]!));
    }

    [Fact]
    public void CodeKey_Given_IsTheMembersKey()
    {
        var key = CodeKey.ForBootstrapSha256(new string('b', 64));
        var stackSet = new StudioSessionMappingStackSet(TestStacks.NewStack(), "Analytics", Props(codeKey: key));

        Assert.Equal(key, stackSet.CodeKey);
        Assert.Contains($"\"S3Key\":\"{key}\"", stackSet.MemberTemplate, StringComparison.Ordinal);
    }

    [Fact]
    public void MemberTemplate_OverTheBodyLimit_GoesAsAnAssetOfTheDeployingStack()
    {
        var mappings = Enumerable.Range(0, 120).ToDictionary(
            i => $"Group{i:000}",
            i => new StudioSessionMappingProps
            {
                StudioId = StudioReference.FromName("analytics"),
                Identity = StudioIdentity.Group($"team-{i:000}-with-a-descriptive-group-name"),
                SessionPolicy = SessionPolicyReference.FromName($"EmrStudioTeam{i:000}SessionPolicy"),
            });
        var stack = TestStacks.NewStack();

        var stackSet = new StudioSessionMappingStackSet(stack, "Analytics", Props(mappings: mappings));

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(stackSet.MemberTemplate) > StudioSessionMappingStackSet.TemplateBodyLimitBytes);
        var properties = TestStacks.Single(TestStacks.Json(stack), "AWS::CloudFormation::StackSet")["Properties"]!;
        Assert.Null(properties["TemplateBody"]);
        Assert.Contains("cdk-hnb659fds-assets", TestStacks.Compact(properties["TemplateURL"]!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("StackSetName", "1-starts-with-a-digit", "Test/Analytics: StackSetName must start with a letter")]
    [InlineData("CodeBucketPrefix", "Org.Code", "Test/Analytics: CodeBucketPrefix must be lowercase letters")]
    [InlineData("CodeKey", "emrstudio-session-mapping-handler/latest.zip", "Test/Analytics: CodeKey must be emrstudio-session-mapping-handler/<64 lowercase hex digits>.zip")]
    [InlineData("OrganizationalUnitIds", "ou-1", "Test/Analytics: OrganizationalUnitIds must hold organizational unit ids")]
    [InlineData("Regions", "EU", "Test/Analytics: Regions must hold region names")]
    public void Props_BrokenLiteral_FailsNamingTheProperty(string property, string value, string expected)
    {
        var props = property switch
        {
            "StackSetName" => Props(stackSetName: value),
            "CodeBucketPrefix" => Props(codeBucketPrefix: value),
            "CodeKey" => Props(codeKey: value),
            "OrganizationalUnitIds" => Props(organizationalUnits: [value]),
            _ => Props(regions: [value]),
        };

        var error = Assert.Throws<StudioSessionMappingValidationException>(() => new StudioSessionMappingStackSet(TestStacks.NewStack(), "Analytics", props));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Props_AccountsWithoutAFilter_Fail()
    {
        var error = Assert.Throws<StudioSessionMappingValidationException>(() =>
            new StudioSessionMappingStackSet(TestStacks.NewStack(), "Analytics", Props(accounts: ["111122223333"])));

        Assert.StartsWith("Test/Analytics: AccountFilter and Accounts go together", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Props_NoOrganizationalUnit_Fails()
    {
        var error = Assert.Throws<StudioSessionMappingValidationException>(() =>
            new StudioSessionMappingStackSet(TestStacks.NewStack(), "Analytics", Props(organizationalUnits: [])));

        Assert.Equal("Test/Analytics: OrganizationalUnitIds must not be empty.", error.Message);
    }

    [Fact]
    public void Props_NoMappingsAndNoExport_Fail()
    {
        var error = Assert.Throws<StudioSessionMappingValidationException>(() =>
            new StudioSessionMappingStackSet(TestStacks.NewStack(), "Analytics", Props(mappings: new Dictionary<string, StudioSessionMappingProps>())));

        Assert.StartsWith("Test/Analytics: Mappings are empty and no ServiceTokenExportName is given", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1, null, null, "OperationPreferences.MaxConcurrentCount and OperationPreferences.MaxConcurrentPercentage exclude each other")]
    [InlineData(null, null, 1, 10, "OperationPreferences.FailureToleranceCount and OperationPreferences.FailureTolerancePercentage exclude each other")]
    [InlineData(0, null, null, null, "OperationPreferences.MaxConcurrentCount must be 1 to")]
    [InlineData(null, 101, null, null, "OperationPreferences.MaxConcurrentPercentage must be 1 to 100 (got 101).")]
    public void OperationPreferences_Conflicting_FailNamingThem(int? maxCount, int? maxPercentage, int? toleranceCount, int? tolerancePercentage, string expected)
    {
        var error = Assert.Throws<StudioSessionMappingValidationException>(() =>
            new StudioSessionMappingStackSet(TestStacks.NewStack(), "Analytics", Props(operationPreferences: new StackSetOperationPreferences
            {
                MaxConcurrentCount = maxCount,
                MaxConcurrentPercentage = maxPercentage,
                FailureToleranceCount = toleranceCount,
                FailureTolerancePercentage = tolerancePercentage,
            })));

        Assert.StartsWith("Test/Analytics: " + expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OperationPreferences_RegionOrderOutsideTheRegions_Fails()
    {
        var error = Assert.Throws<StudioSessionMappingValidationException>(() =>
            new StudioSessionMappingStackSet(TestStacks.NewStack(), "Analytics", Props(operationPreferences: new StackSetOperationPreferences { RegionOrder = ["ap-south-1"] })));

        Assert.Equal("Test/Analytics: OperationPreferences.RegionOrder must list only the StackSet's Regions ('ap-south-1' is not among them).", error.Message);
    }

    [Fact]
    public void Mappings_WithTheirOwnHandlerOptions_FailNamingTheMapping()
    {
        var mappings = new Dictionary<string, StudioSessionMappingProps>
        {
            ["DataScientists"] = DataScientists(handlerOptions: new StudioSessionMappingHandlerOptions { MemorySize = 256 }),
        };

        var error = Assert.Throws<StudioSessionMappingValidationException>(() => new StudioSessionMappingStackSet(TestStacks.NewStack(), "Analytics", Props(mappings: mappings)));

        Assert.StartsWith("Test/Analytics/Mappings/DataScientists: HandlerOptions belong to the StackSet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mappings_BrokenLiteral_FailsNamingTheMappingInTheStackSet()
    {
        var mappings = new Dictionary<string, StudioSessionMappingProps>
        {
            ["DataScientists"] = DataScientists(SessionPolicyReference.FromName("has space")),
        };

        var error = Assert.Throws<StudioSessionMappingValidationException>(() => new StudioSessionMappingStackSet(TestStacks.NewStack(), "Analytics", Props(mappings: mappings)));

        Assert.StartsWith("Test/Analytics/Mappings/DataScientists: SessionPolicy 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/has space' does not make a valid SessionPolicyArn", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The typical configuration: two mappings, one studio by name, policies by name, to one OU in two regions.</summary>
    public static StudioSessionMappingStackSetProps Typical() => Props();

    private static StudioSessionMappingStackSet Typical(Stack stack) => new(stack, "Analytics", Typical());

    private static StudioSessionMappingStackSetProps Props(
        IReadOnlyDictionary<string, StudioSessionMappingProps>? mappings = null,
        StudioSessionMappingHandlerOptions? handlerOptions = null,
        string? exportName = null,
        string stackSetName = "emrstudio-analytics-mappings",
        IReadOnlyList<string>? organizationalUnits = null,
        IReadOnlyList<string>? regions = null,
        string codeBucketPrefix = CodeBucketPrefix,
        string? codeKey = null,
        IReadOnlyList<string>? accounts = null,
        StackSetAccountFilter? accountFilter = null,
        StackSetCallAs? callAs = null,
        StackSetAutoDeployment? autoDeployment = null,
        bool? managedExecution = null,
        StackSetOperationPreferences? operationPreferences = null) =>
        new()
        {
            StackSetName = stackSetName,
            OrganizationalUnitIds = organizationalUnits ?? [OrganizationalUnit],
            Regions = regions ?? ["eu-west-1", "us-east-1"],
            CodeBucketPrefix = codeBucketPrefix,
            CodeKey = codeKey,
            Accounts = accounts,
            AccountFilter = accountFilter,
            CallAs = callAs,
            AutoDeployment = autoDeployment,
            ManagedExecution = managedExecution,
            OperationPreferences = operationPreferences,
            HandlerOptions = handlerOptions,
            ServiceTokenExportName = exportName,
            Mappings = mappings ?? new Dictionary<string, StudioSessionMappingProps>
            {
                ["DataScientists"] = DataScientists(),
                ["OnCallEngineer"] = new()
                {
                    StudioId = TestStacks.StudioA,
                    Identity = StudioIdentity.UserId("0123abcd-4567-89ab-cdef-0123456789ab"),
                    SessionPolicy = SessionPolicyReference.FromArnTemplate("arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/team/EmrStudioEngineer"),
                },
            },
        };

    private static StudioSessionMappingProps DataScientists(SessionPolicyReference? policy = null, StudioSessionMappingHandlerOptions? handlerOptions = null) =>
        new()
        {
            StudioId = StudioReference.FromName("analytics"),
            Identity = StudioIdentity.Group("data-scientists"),
            SessionPolicy = policy ?? SessionPolicyReference.FromName("EmrStudioDataScientist"),
            HandlerOptions = handlerOptions,
        };

    private static List<string?> Sids(JArray statements) => [.. statements.Select(s => (string?)s["Sid"]).Order(StringComparer.Ordinal)];

    private static JObject Sorted(JToken value) => new(((JObject)value).Properties().OrderBy(p => p.Name, StringComparer.Ordinal));
}
