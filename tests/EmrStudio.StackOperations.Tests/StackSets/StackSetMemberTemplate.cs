using System.Text.Json.Nodes;
using EmrStudio.Testing;
using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.StackOperations.Tests.StackSets;

/// <summary>
/// The one source of the StackSet's member template: template.stackset.yaml (the handler without a transform, its code
/// from the regional buckets, which the simulator stands in for with the published bootstrap), plus mappings that name
/// their studio by name, so that one template serves every account and region although each has its own studio id.
/// </summary>
public static class StackSetMemberTemplate
{
    public const string StudioName = "analytics";
    public const string SessionPolicyParameter = "SessionPolicyName";
    public const string SessionPolicy = "EmrStudioDataScientist";
    public const string UpdatedSessionPolicy = "team/EmrStudioDataScientistV2";

    /// <summary>Logical id → (IdentityType, IdentityName) of the mappings every instance declares.</summary>
    private static readonly (string LogicalId, string IdentityType, string Name)[] Mappings =
    [
        ("DataScientists", "GROUP", "data-scientists"),
        ("Analysts", "GROUP", "analysts"),
        ("LeadAnalyst", "USER", "lead.analyst@example.com"),
    ];

    public static StackSetMember Build() => new(
        Template(),
        Parameters(SessionPolicy),
        Parameters(UpdatedSessionPolicy),
        StudioName,
        [.. Mappings.Select(mapping => (mapping.IdentityType, mapping.Name))]);

    /// <summary>A key of the publisher's form; the simulator runs the published bootstrap whatever the key names.</summary>
    public const string CodeKey = "emrstudio-session-mapping-handler/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.zip";

    public const string CodeBucketPrefix = "example-org-emrstudio-code";

    private static CloudFormationTemplate Template() =>
        CloudFormationTemplate.FromFile(RepositoryRoot.File("template.stackset.yaml")).With(
            root =>
            {
                ((JsonObject)root["Parameters"]!)[SessionPolicyParameter] = new JsonObject
                {
                    ["Type"] = "String",
                    ["Default"] = SessionPolicy,
                    ["Description"] = "The session policy of every mapping: a customer managed policy's name (with its path) in each account.",
                    ["AllowedPattern"] = "^[A-Za-z0-9+=,.@_/-]{1,512}$",
                };
                var resources = (JsonObject)root["Resources"]!;
                foreach (var (logicalId, identityType, name) in Mappings)
                {
                    resources[logicalId] = Mapping(identityType, name);
                }
            },
            "StackSet member: template.stackset.yaml's handler + mappings by StudioName");

    private static Dictionary<string, string> Parameters(string sessionPolicy) => new(StringComparer.Ordinal)
    {
        ["CodeBucketPrefix"] = CodeBucketPrefix,
        ["CodeKey"] = CodeKey,
        [SessionPolicyParameter] = sessionPolicy,
    };

    private static JsonObject Mapping(string identityType, string name) => new()
    {
        ["Type"] = "Custom::EmrStudioSessionMapping",
        ["DependsOn"] = new JsonArray("HandlerEventInvokeConfig"),
        ["Properties"] = new JsonObject
        {
            ["ServiceToken"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray("Handler", "Arn") },
            ["ServiceTimeout"] = "300",
            ["StudioName"] = StudioName,
            ["IdentityType"] = identityType,
            ["IdentityName"] = name,
            ["SessionPolicyArn"] = new JsonObject { ["Fn::Sub"] = $"arn:${{AWS::Partition}}:iam::${{AWS::AccountId}}:policy/${{{SessionPolicyParameter}}}" },
        },
    };
}
